import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { chownSync } from 'node:fs';

// PostgreSQL and PgBouncer refuse to run as root; as root (CI, this machine) the drills run
// them as the `postgres` user that Debian's packages create.
const asRoot = process.getuid?.() === 0;

const idOf = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres']).toString().trim());

/** Gives `dir` to the user the servers run as (nothing to do when not root). */
export function ownForServer(dir: string): void {
  if (asRoot) chownSync(dir, idOf('-u'), idOf('-g'));
}

/** Runs a server tool to its end, as that user. */
export function runAsServerUser(command: string, args: string[]): void {
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
  else execFileSync(command, args, { stdio: 'ignore' });
}

/** Starts a long-running server, as that user. */
export function spawnAsServerUser(command: string, args: string[], stdio: StdioOptions = 'ignore'): ChildProcess {
  return asRoot ? spawn('runuser', ['-u', 'postgres', '--', command, ...args], { stdio }) : spawn(command, args, { stdio });
}
