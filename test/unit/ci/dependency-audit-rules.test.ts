import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A CommonJS module of the CI scripts (no build step, no type declarations): loaded with require,
// so TypeScript sees it as untyped.
const rules = require('../../../.ci/dependency-audit-rules.cjs');

/** A real `npm audit --json` run (npm 11), captured in test/fixtures/npm-audit. */
function npmAuditRun(name: string): { exitCode: number; stdout: string; stderr: string } {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/npm-audit', `${name}.json`), 'utf8'));
}

const SHA512_A = 'sha512-k92I/b08q4wvFscXCLvqfsHCrjrF7yiXsQuIVvVE7N82W3+aqpzuUdBbfhWcy/FZR3/4IgflMgKLOsvPDrGCJA==';
const SHA512_B = 'sha512-5vEjzEm8ylDyoyNfhIoAbt0fp1ntl0YAIvyKh7Qf7RAMGXu6vtvHdShDFoKxSuJFWnq/fxDoHHTW9rxbtyQY4w==';
// inflight@1.0.6: its shasum 49bd6331… as the lock writes a sha1 integrity.
const SHASUM = '49bd6331d7d02d0c09bc910a1075ba8165b56df9';
const SHA1 = `sha1-${Buffer.from(SHASUM, 'hex').toString('base64')}`;

const entry = (overrides: Record<string, unknown> = {}) => ({ path: 'node_modules/left-pad', name: 'left-pad', version: '1.3.0', integrity: SHA512_A, dev: false, ...overrides });
const found = (manifest: Record<string, unknown> | null) => ({ status: 'found', versions: { '1.3.0': manifest } });

describe('the deprecation wording rule', () => {
  test('when a deprecation speaks of security, then it counts, whatever the case', () => {
    for (const message of [
      'Critical Security fix in 2.0.1, upgrade now',
      'this release has a known vulnerability',
      'Vulnerable to prototype pollution',
      'see CVE-2024-4068',
      'cve-2021-23337: upgrade',
      'exploitable ReDoS, use 3.x',
      'This version contained MALICIOUS code',
      'the maintainer account was compromised; do not use',
    ]) {
      expect(rules.isSecurityDeprecation(message)).toBe(true);
    }
  });

  test('when a deprecation only says the package is old or replaced, then it does not count', () => {
    for (const message of ['Glob versions prior to v9 are no longer supported', 'Use the native fetch instead', 'This module is not supported, and leaks memory.', 'Please upgrade to v4']) {
      expect(rules.isSecurityDeprecation(message)).toBe(false);
    }
    expect(rules.isSecurityDeprecation(undefined)).toBe(false);
    expect(rules.isSecurityDeprecation(true)).toBe(false);
  });
});

describe('the outcome of npm audit', () => {
  test('when the registry answers the advisory POST with 405, then the endpoint is unavailable, with the reason', () => {
    const outcome = rules.classifyNpmAudit(npmAuditRun('endpoint-405'));
    expect(outcome.outcome).toBe('unavailable');
    expect(outcome.reason).toContain('405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk');
  });

  test('when the registry cannot be reached, then the endpoint is unavailable', () => {
    const outcome = rules.classifyNpmAudit(npmAuditRun('network-error'));
    expect(outcome.outcome).toBe('unavailable');
    expect(outcome.reason).toContain('ECONNREFUSED');
  });

  test('when npm reports a high vulnerability, then the audit found vulnerabilities, the advisory first', () => {
    const outcome = rules.classifyNpmAudit(npmAuditRun('high-vulnerability'));
    expect(outcome.outcome).toBe('vulnerable');
    expect(outcome.counts).toMatchObject({ high: 6, critical: 0 });
    const semver = outcome.vulnerabilities.find((vulnerability: { name: string }) => vulnerability.name === 'semver');
    expect(semver).toMatchObject({ severity: 'high', paths: ['node_modules/semver'], advisories: ['semver test advisory https://github.com/advisories/GHSA-xxxx-yyyy-zzzz'] });
    expect(outcome.vulnerabilities.find((vulnerability: { name: string }) => vulnerability.name === 'bullmq').via).toEqual(['semver']);
  });

  test('when npm reports only vulnerabilities below the audit level (exit 0), or none, then the audit passed', () => {
    expect(rules.classifyNpmAudit(npmAuditRun('moderate-vulnerability'))).toMatchObject({ outcome: 'passed', counts: { moderate: 6, high: 0 } });
    expect(rules.classifyNpmAudit(npmAuditRun('no-vulnerabilities'))).toMatchObject({ outcome: 'passed', productionDependencies: 255, vulnerabilities: [] });
  });

  test('when npm timed out or printed no report, then the endpoint is unavailable', () => {
    expect(rules.classifyNpmAudit({ exitCode: null, stdout: '', stderr: '', timedOut: true }).outcome).toBe('unavailable');
    const outcome = rules.classifyNpmAudit({ exitCode: 1, stdout: 'not json', stderr: 'npm warn something\nnpm error code ETIMEDOUT\n' });
    expect(outcome).toEqual({ outcome: 'unavailable', reason: 'npm error code ETIMEDOUT' });
  });
});

describe('the entries of package-lock.json', () => {
  const lock = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'case-status-service', version: '0.1.0' },
      'node_modules/express': { version: '5.1.0', integrity: SHA512_A },
      'node_modules/jest': { version: '30.0.0', integrity: SHA512_B, dev: true },
      'node_modules/jest/node_modules/semver': { version: '6.3.1', integrity: SHA512_A, dev: true },
      'node_modules/fsevents': { version: '2.3.3', integrity: SHA512_B, devOptional: true, optional: true },
      'node_modules/string-width-cjs': { name: 'string-width', version: '4.2.3', integrity: SHA512_A, dev: true },
      'node_modules/@types/node': { version: '20.19.43', resolved: 'https://registry.npmjs.org/@types/node/-/node-20.19.43.tgz', integrity: SHA512_A, dev: true },
      'node_modules/local-lib': { resolved: 'packages/local-lib', link: true },
      'packages/local-lib': { name: 'local-lib', version: '1.0.0' },
      'node_modules/from-git': { version: '1.0.0', resolved: 'git+ssh://git@github.com/someone/from-git.git#abc' },
      'node_modules/npm-bundled-thing/node_modules/inner': { version: '1.0.0', inBundle: true },
    },
  };

  test('when the lock is read, then every registry package comes with its path, real name, version, integrity and tree', () => {
    const { entries } = rules.parseLockEntries(lock);
    expect(entries).toEqual([
      { path: 'node_modules/express', name: 'express', version: '5.1.0', integrity: SHA512_A, dev: false },
      { path: 'node_modules/jest', name: 'jest', version: '30.0.0', integrity: SHA512_B, dev: true },
      { path: 'node_modules/jest/node_modules/semver', name: 'semver', version: '6.3.1', integrity: SHA512_A, dev: true },
      // devOptional: an optional dependency of a production package, installed with --omit=dev.
      { path: 'node_modules/fsevents', name: 'fsevents', version: '2.3.3', integrity: SHA512_B, dev: false },
      { path: 'node_modules/string-width-cjs', name: 'string-width', version: '4.2.3', integrity: SHA512_A, dev: true },
      { path: 'node_modules/@types/node', name: '@types/node', version: '20.19.43', integrity: SHA512_A, dev: true },
    ]);
  });

  test('when a package does not come from the registry, then it is skipped with the reason', () => {
    const { skipped } = rules.parseLockEntries(lock);
    expect(skipped.map((skip: { path: string }) => skip.path)).toEqual(['node_modules/local-lib', 'packages/local-lib', 'node_modules/from-git', 'node_modules/npm-bundled-thing/node_modules/inner']);
    expect(skipped[2].reason).toContain('git+ssh://');
  });

  test('when the lock has no packages section (lockfileVersion 1), then it is refused with a reason', () => {
    expect(() => rules.parseLockEntries({ lockfileVersion: 1, dependencies: {} })).toThrow(/lockfileVersion 2 or 3/);
  });
});

describe('the integrity comparison', () => {
  test('when the lock and the registry name the same digest, then they match', () => {
    expect(rules.compareIntegrity(SHA512_A, { integrity: SHA512_A })).toBe('match');
    expect(rules.compareIntegrity(`${SHA512_A} ${SHA1}`, { integrity: SHA512_A })).toBe('match');
    expect(rules.compareIntegrity(SHA1, { shasum: SHASUM })).toBe('match');
  });

  test('when a shared algorithm gives another digest, then it is a mismatch', () => {
    expect(rules.compareIntegrity(SHA512_A, { integrity: SHA512_B, shasum: SHASUM })).toBe('mismatch');
    expect(rules.compareIntegrity(SHA1, { integrity: SHA512_A, shasum: '0000000000000000000000000000000000000000' })).toBe('mismatch');
  });

  test('when the two name no common algorithm, or one has none, then it cannot be verified', () => {
    expect(rules.compareIntegrity(SHA1, { integrity: SHA512_A })).toBe('unverifiable');
    expect(rules.compareIntegrity(null, { integrity: SHA512_A })).toBe('unverifiable');
    expect(rules.compareIntegrity(SHA512_A, {})).toBe('unverifiable');
  });
});

describe('the findings for a locked package', () => {
  test('when the registry has the same tarball and no deprecation, then there is nothing to say', () => {
    expect(rules.auditEntry(entry(), found({ dist: { integrity: SHA512_A }, deprecated: null }))).toEqual([]);
  });

  test('when the registry holds another tarball under the version, then it is an integrity mismatch', () => {
    expect(rules.auditEntry(entry(), found({ dist: { integrity: SHA512_B }, deprecated: null }))).toEqual([
      { path: 'node_modules/left-pad', name: 'left-pad', version: '1.3.0', dev: false, kind: 'integrity-mismatch', detail: `lock ${SHA512_A}, registry ${SHA512_B}` },
    ]);
  });

  test('when the version or the whole package is gone, then it is missing', () => {
    expect(rules.auditEntry(entry(), found(null))[0].kind).toBe('version-missing');
    expect(rules.auditEntry(entry(), { status: 'not-found' })[0].kind).toBe('package-missing');
  });

  test('when the registry could not be asked, then the package is not checked', () => {
    expect(rules.auditEntry(entry(), { status: 'unreachable', reason: 'HTTP 503' })).toEqual([expect.objectContaining({ kind: 'unchecked', detail: 'HTTP 503' })]);
  });

  test('when the version is deprecated, then the finding carries the message', () => {
    const findings = rules.auditEntry(entry(), found({ dist: { integrity: SHA512_A }, deprecated: 'security fix in 1.3.1' }));
    expect(findings).toEqual([expect.objectContaining({ kind: 'deprecated', detail: 'security fix in 1.3.1' })]);
  });

  test('when only the locked versions are kept of a packument, then absent ones are null', () => {
    const packument = { versions: { '1.3.0': { dist: { integrity: SHA512_A }, deprecated: 'old' }, '1.2.0': { dist: {} } } };
    expect(rules.pickVersions(packument, ['1.3.0', '9.9.9'])).toEqual({ '1.3.0': { dist: { integrity: SHA512_A }, deprecated: 'old' }, '9.9.9': null });
  });
});

describe('the verdict of the lock-file audit', () => {
  const finding = (kind: string, dev: boolean, detail = '') => ({ ...entry({ dev }), kind, detail });
  const verdict = (findings: unknown[], extra: Record<string, unknown> = {}) => rules.verdictOf({ findings, names: 10, unreachableNames: 0, budgetExceeded: false, ...extra });

  test('when a tarball differs or is gone, in production or development, then the audit fails', () => {
    for (const kind of ['integrity-mismatch', 'version-missing', 'package-missing']) {
      expect(verdict([finding(kind, true)])).toMatchObject({ status: 'failed', exitCode: 1 });
      expect(verdict([finding(kind, false)])).toMatchObject({ status: 'failed', exitCode: 1 });
    }
  });

  test('when a production dependency is deprecated for security, then the audit fails', () => {
    expect(verdict([finding('deprecated', false, 'CVE-2025-0001, upgrade')])).toMatchObject({ status: 'failed', exitCode: 1 });
  });

  test('when a deprecation is not about security, or concerns a development dependency, then it is only a warning', () => {
    const result = verdict([finding('deprecated', false, 'no longer supported'), finding('deprecated', true, 'compromised release'), finding('integrity-unverifiable', false)]);
    expect(result).toMatchObject({ status: 'passed', exitCode: 0, failures: [] });
    expect(result.warnings).toHaveLength(3);
  });

  test('when the time budget ran out or most names could not be fetched, then the audit is not done and CI does not fail', () => {
    expect(verdict([], { budgetExceeded: true })).toMatchObject({ status: 'not-done', notDone: 'time-budget', exitCode: 0 });
    expect(verdict([finding('unchecked', false)], { unreachableNames: 6 })).toMatchObject({ status: 'not-done', notDone: 'unreachable', exitCode: 0 });
  });

  test('when the registry knows most names not at all (404), then their "missing" says nothing: not checked, not done', () => {
    const result = verdict([finding('package-missing', false), finding('package-missing', true)], { notFoundNames: 6 });
    expect(result).toMatchObject({ status: 'not-done', notDone: 'unknown-packages', exitCode: 0, failures: [] });
    expect(result.unchecked.map((unchecked: { kind: string }) => unchecked.kind)).toEqual(['unchecked', 'unchecked']);
  });

  test('when a registry that knows the other names has none of one, then that package is missing and the audit fails', () => {
    expect(verdict([finding('package-missing', false)], { notFoundNames: 1 })).toMatchObject({ status: 'failed', notDone: null, exitCode: 1 });
  });

  test('when a few names could not be fetched, then the rest decides and the few are listed', () => {
    const result = verdict([finding('unchecked', false, 'HTTP 503')], { unreachableNames: 2 });
    expect(result).toMatchObject({ status: 'passed', exitCode: 0, warnings: [] });
    expect(result.unchecked).toHaveLength(1);
  });

  test('when a failing finding was made before the budget ran out, then it still fails the audit', () => {
    expect(verdict([finding('integrity-mismatch', false)], { budgetExceeded: true })).toMatchObject({ status: 'failed', exitCode: 1 });
  });

  test('when a finding is printed, then the line says what, which tree, where in the lock and why', () => {
    expect(rules.formatFinding(finding('version-missing', true, 'unpublished'))).toBe('version missing (development) node_modules/left-pad left-pad@1.3.0: unpublished');
  });
});
