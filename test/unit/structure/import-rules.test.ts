import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Runs the project's ESLint on files the default run ignores; returns the rules that fired. */
function rulesFiredOn(...files: string[]): string[] {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--no-ignore', '--format', 'json', ...files], { cwd: root, encoding: 'utf8' });
  const results: Array<{ messages: Array<{ ruleId: string | null }> }> = JSON.parse(run.stdout);
  return results.flatMap((r) => r.messages.map((m) => m.ruleId ?? 'parse-error'));
}

describe('the lint step guards the structure', () => {
  test('when two modules import each other, then ESLint reports a dependency cycle', () => {
    expect(rulesFiredOn('test/fixtures/import-cycle/a.ts', 'test/fixtures/import-cycle/b.ts')).toEqual(['import-x/no-cycle', 'import-x/no-cycle']);
  }, 30_000);
});
