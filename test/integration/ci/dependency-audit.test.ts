import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `npm run audit:deps` end to end: the script and the real npm, against a stand-in registry on a
// free port that serves a small project's packages and answers the advisory POST as told.
const script = path.resolve(__dirname, '../../../.ci/dependency-audit.mjs');

const digest = (seed: string) => `sha512-${Buffer.from(seed.padEnd(64, '.')).toString('base64')}`;
const LOCKED = [
  { path: 'node_modules/prod-a', name: 'prod-a', version: '1.0.0', dev: false },
  { path: 'node_modules/prod-b', name: 'prod-b', version: '2.0.0', dev: false },
  { path: 'node_modules/dev-c', name: 'dev-c', version: '3.0.0', dev: true },
  { path: 'node_modules/dev-c/node_modules/prod-a', name: 'prod-a', version: '0.9.0', dev: true },
];

type Manifest = { version: string; dist: { integrity: string; tarball: string }; deprecated?: string };

/** Packuments that agree with the lock; a test changes what it needs. */
function packuments(): Record<string, { name: string; versions: Record<string, Manifest> }> {
  const documents: Record<string, { name: string; versions: Record<string, Manifest> }> = {};
  for (const { name, version } of LOCKED) {
    documents[name] ??= { name, versions: {} };
    documents[name].versions[version] = { version, dist: { integrity: digest(`${name}@${version}`), tarball: `http://127.0.0.1/${name}/-/${name}-${version}.tgz` } };
  }
  return documents;
}

let server: Server;
let registry: string;
let project: string;
let respond: (request: IncomingMessage, response: ServerResponse) => void;
let requests: string[];

/** The registry of this machine's mirror: 405 to the advisory POST, packuments by GET. */
function mirror(documents = packuments(), advisoryAnswer?: (response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'POST') {
      if (advisoryAnswer) advisoryAnswer(response);
      else response.writeHead(405, { allow: 'GET,HEAD' }).end();
      return;
    }
    const document = documents[decodeURIComponent(request.url!.slice(1))];
    if (document) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    else response.writeHead(404).end();
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests.push(`${request.method} ${request.url}`);
      respond(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  project = mkdtempSync(path.join(tmpdir(), 'dependency-audit-'));
  const packages: Record<string, unknown> = { '': { name: 'audited', version: '1.0.0', dependencies: { 'prod-a': '1.0.0', 'prod-b': '2.0.0' }, devDependencies: { 'dev-c': '3.0.0' } } };
  for (const { path: at, name, version, dev } of LOCKED) packages[at] = { version, integrity: digest(`${name}@${version}`), ...(dev ? { dev: true } : {}) };
  packages['node_modules/dev-c'] = { ...(packages['node_modules/dev-c'] as object), dependencies: { 'prod-a': '0.9.0' } };
  writeFileSync(path.join(project, 'package.json'), JSON.stringify(packages['']));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'audited', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(project, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
});

/** Runs the script in the project against the stand-in registry (asynchronously: it serves it). */
function runAudit(env: Record<string, string> = {}): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script],
      { cwd: project, timeout: 60_000, env: { ...process.env, npm_config_registry: registry, npm_config_cache: path.join(project, '.npm-cache'), ...env } },
      (error, stdout, stderr) => resolve({ exitCode: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

describe('the dependency audit (npm run audit:deps)', () => {
  test('when the advisory endpoint answers 405 and the registry agrees with the lock, then the lock-file audit passes', async () => {
    respond = mirror();
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] npm audit is unavailable here: 405 Method Not Allowed');
    expect(output).toContain('4 locked packages (2 production, 2 development), 3 names');
    expect(output).toContain('[audit] passed: every locked tarball matches the registry');
    expect(exitCode).toBe(0);
  }, 60_000);

  test('when a tarball was re-published, a version unpublished and a production dependency deprecated for security, then it fails and names each path', async () => {
    const documents = packuments();
    documents['dev-c'].versions['3.0.0'].dist.integrity = digest('someone else');
    delete documents['prod-a'].versions['0.9.0'];
    documents['prod-b'].versions['2.0.0'].deprecated = 'Contains a security vulnerability, upgrade to 2.0.1';
    documents['prod-a'].versions['1.0.0'].deprecated = 'No longer maintained';
    respond = mirror(documents);
    const { exitCode, output } = await runAudit();
    expect(output).toContain(`FAILURE integrity mismatch (development) node_modules/dev-c dev-c@3.0.0: lock ${digest('dev-c@3.0.0')}, registry ${digest('someone else')}`);
    expect(output).toContain('FAILURE version missing (development) node_modules/dev-c/node_modules/prod-a prod-a@0.9.0');
    expect(output).toContain('FAILURE deprecated (production) node_modules/prod-b prod-b@2.0.0: Contains a security vulnerability');
    expect(output).toContain('warning deprecated (production) node_modules/prod-a prod-a@1.0.0: No longer maintained');
    expect(output).toContain('production: 0 integrity mismatches, 0 missing, 2 deprecated, 0 not checked');
    expect(exitCode).toBe(1);
  }, 60_000);

  test('when the registry drops every deprecation (as the mirror on this machine does), then the audit says it could see none', async () => {
    const documents = packuments();
    documents.request = { name: 'request', versions: { '2.88.2': { version: '2.88.2', dist: { integrity: digest('request'), tarball: 'http://127.0.0.1/request/-/request-2.88.2.tgz' } } } };
    respond = mirror(documents);
    const { exitCode, output } = await runAudit();
    expect(output).toContain("[audit] warning: this registry's metadata carries no deprecations (not even request@2.88.2's)");
    expect(exitCode).toBe(0);

    documents.request.versions['2.88.2'].deprecated = 'request has been deprecated, see https://github.com/request/request/issues/3142';
    expect((await runAudit()).output).not.toContain('carries no deprecations');
  }, 60_000);

  test('when a GET fails once, then it is tried again and the audit passes', async () => {
    const answered = mirror();
    const failedOnce = new Set<string>();
    respond = (request, response) => {
      if (request.method === 'GET' && !failedOnce.has(request.url!)) {
        failedOnce.add(request.url!);
        response.writeHead(503).end();
      } else answered(request, response);
    };
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] passed');
    // Each name twice, and the deprecation canary (unknown here: 404, then tried again).
    expect(requests.filter((request) => request.startsWith('GET')).sort()).toEqual(['GET /dev-c', 'GET /dev-c', 'GET /prod-a', 'GET /prod-a', 'GET /prod-b', 'GET /prod-b', 'GET /request', 'GET /request']);
    expect(exitCode).toBe(0);
  }, 60_000);

  test('when the registry fails every GET, then the audit says it could not be done and does not fail CI', async () => {
    const answered = mirror();
    respond = (request, response) => (request.method === 'GET' ? response.writeHead(503).end() : answered(request, response));
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] WARNING: the dependency audit could not be done: 3 of 3 package names could not be fetched');
    expect(exitCode).toBe(0);
  }, 60_000);

  test('when something answers 404 to every request (a proxy, another registry), then the audit could not be done and does not fail CI', async () => {
    respond = (_request, response) => response.writeHead(404).end();
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] npm audit is unavailable here: 404 Not Found');
    expect(output).toContain('[audit] WARNING: the dependency audit could not be done: the registry knows 3 of 3 package names not at all (404)');
    expect(output).not.toContain('FAILURE');
    expect(exitCode).toBe(0);
  }, 60_000);

  test('when the registry does not answer within the time budget, then the audit says so and does not fail CI', async () => {
    const answered = mirror();
    respond = (request, response) => (request.method === 'GET' ? undefined : answered(request, response));
    const started = Date.now();
    const { exitCode, output } = await runAudit({ DEPENDENCY_AUDIT_BUDGET_MS: '1500' });
    expect(output).toContain('[audit] WARNING: the dependency audit could not be done: the registry did not answer within 1.5 s');
    expect(exitCode).toBe(0);
    // npm audit's own run (about a second) and the budget, not the 10 s request timeout.
    expect(Date.now() - started).toBeLessThan(9_000);
    server.closeAllConnections();
  }, 60_000);

  test('when the advisory endpoint answers, then npm audit decides: a high advisory fails, and the lock-file audit does not run', async () => {
    respond = mirror(packuments(), (response) => {
      const advisory = { id: 1_000_001, url: 'https://github.com/advisories/GHSA-test-test-test', title: 'prototype pollution in prod-b', severity: 'high', vulnerable_versions: '<2.0.1', cwe: [], cvss: { score: 7.5, vectorString: null } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ 'prod-b': [advisory] }));
    });
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] npm audit --audit-level=high --omit=dev --json: 0 critical, 1 high, 0 moderate, 0 low');
    expect(output).toContain('[audit] high prod-b (node_modules/prod-b): prototype pollution in prod-b https://github.com/advisories/GHSA-test-test-test');
    expect(output).toContain('[audit] failed: npm audit found high or critical vulnerabilities');
    expect(output).not.toContain('package-lock.json against');
    expect(exitCode).toBe(1);
  }, 60_000);

  test('when the advisory endpoint answers with no advisories, then npm audit passes', async () => {
    respond = mirror(packuments(), (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const { exitCode, output } = await runAudit();
    expect(output).toContain('[audit] passed: no high or critical vulnerability in production dependencies');
    expect(exitCode).toBe(0);
  }, 60_000);
});
