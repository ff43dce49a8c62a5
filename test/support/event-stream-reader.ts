/** One parsed Server-Sent Event (or, with `comment`, a comment line). */
export interface ReadEvent {
  event?: string;
  id?: string;
  data?: any;
  comment?: string;
}

/** A Server-Sent Events stream read with fetch(): every event kept, waited for with deadlines; `close()` aborts it. */
export class EventStreamReader {
  readonly events: ReadEvent[] = [];
  status = 0;
  headers!: Headers;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  /** Connects; resolves once the response headers arrived. */
  async open(url: string, headers: Record<string, string> = {}): Promise<this> {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: this.abort.signal });
    this.status = res.status;
    this.headers = res.headers;
    if (res.ok && res.body) this.done = this.read(res.body).catch(() => undefined);
    else await res.text().catch(() => undefined);
    return this;
  }

  /** The first event (from `from` on) that satisfies `match`, or an error after `timeoutMs`. */
  async next(match: (e: ReadEvent) => boolean, what: string, timeoutMs = 10_000, from = 0): Promise<ReadEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Aborts the stream and waits for the reader to stop. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private parse(block: string): void {
    const e: ReadEvent = {};
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) e.comment = line.slice(1).trim();
      else if (line.startsWith('event:')) e.event = line.slice(6).trim();
      else if (line.startsWith('id:')) e.id = line.slice(3).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length) e.data = JSON.parse(data.join('\n'));
    if (e.event || e.comment !== undefined || e.data !== undefined) this.events.push(e);
  }
}
