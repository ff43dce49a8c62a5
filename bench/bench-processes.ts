import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `node <dist file>` (relative to the project root) with `env` added to this process's environment. */
export function startNode(distFile: string, env: Record<string, string>, args: string[] = []): Child {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the children.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, '..', '..', distFile), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      // Errors of the children (pino levels 50 and 60) are shown, once per message, not lost in the pipe.
      if (/"level":(50|60)/.test(line)) reportError(distFile, line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  return {
    process: child,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${distFile}: no line ${pattern} after ${timeoutMs} ms`)), timeoutMs);
        child.once('exit', (code) => reject(new Error(`${distFile} exited with ${code} before ${pattern}`)));
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    stop() {
      return new Promise((resolve) => {
        // Exited already, by itself or by a signal: 'exit' will not come again.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

const reported = new Map<string, number>();

function reportError(distFile: string, line: string): void {
  let msg = line;
  try {
    const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    msg = `${parsed.msg ?? ''}: ${parsed.err?.message ?? ''}`;
  } catch {
    // not JSON: the line itself
  }
  const n = (reported.get(msg) ?? 0) + 1;
  reported.set(msg, n);
  if (n === 1 || n === 100 || n === 1000) process.stderr.write(`[bench] ${path.basename(distFile)} error (${n}×): ${msg.slice(0, 300)}\n`);
}
