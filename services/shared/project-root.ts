import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding package.json: templates and data files are found from here, built or not. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  root = dir;
  return root;
}
