import type { Response } from 'express';

/** One Server-Sent Events message. */
export interface StreamEvent {
  event: string;
  data: unknown;
  id?: string;
}

/** How long a browser waits before it reconnects a dropped stream (the `retry:` field). */
const RETRY_MS = 3000;

/**
 * A Server-Sent Events response. Writing never waits: a client whose socket buffer is still
 * full from an earlier write (slow, or gone without a FIN) is closed instead, so no client can
 * hold up anyone else; it reconnects with Last-Event-ID and catches up.
 */
export class EventStream {
  private closed = false;

  constructor(private readonly res: Response) {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // The connection ends with the stream (a shutdown must not wait for an idle keep-alive).
      Connection: 'close',
      // nginx and similar proxies would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.on('close', () => {
      this.closed = true;
    });
    this.write(`retry: ${RETRY_MS}\n\n`);
  }

  get isOpen(): boolean {
    return !this.closed && !this.res.destroyed;
  }

  /** Writes one event; false when the stream is closed (or was closed now for a full buffer). */
  send(e: StreamEvent): boolean {
    const id = e.id !== undefined ? `id: ${e.id.replace(/[\r\n]/g, '')}\n` : '';
    return this.write(`event: ${e.event}\n${id}data: ${JSON.stringify(e.data)}\n\n`);
  }

  /** A comment line: keeps proxies and the browser from timing the stream out. */
  comment(text: string): boolean {
    return this.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`);
  }

  /** Ends the response (the client may reconnect). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  /** Called once when the stream closes, whoever closed it. */
  onClose(listener: () => void): void {
    this.res.once('close', listener);
  }

  private write(chunk: string): boolean {
    if (!this.isOpen) return false;
    if (this.res.writableNeedDrain) {
      this.closed = true;
      this.res.destroy();
      return false;
    }
    this.res.write(chunk);
    return true;
  }
}
