#!/usr/bin/env node
// `npm run audit:deps`: npm audit where its endpoint answers, and where it does not (this
// machine's registry mirror refuses every POST with 405) the checks a registry's GET can still
// give: every package of package-lock.json against the registry's metadata — the same tarball
// (integrity), a version still published, no deprecation for a security reason. A finding fails
// (exit 1); a registry that cannot be reached only warns (exit 0), so CI never fails on the network.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { auditEntry, classifyNpmAudit, formatFinding, parseLockEntries, pickVersions, verdictOf } from './dependency-audit-rules.cjs';

const NPM_AUDIT_ARGS = ['audit', '--audit-level=high', '--omit=dev', '--json'];
const NPM_AUDIT_TIMEOUT_MS = 45_000;
const CONCURRENCY = 16;
const REQUEST_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 300;
// Overridable for the test of the script, which checks what happens when the budget runs out.
const BUDGET_MS = Number(process.env.DEPENDENCY_AUDIT_BUDGET_MS) || 60_000;
// `npm run` passes npm's configured registry on; a direct `node .ci/dependency-audit.mjs` uses npm's default.
const REGISTRY = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/*$/, '/');
// The abbreviated metadata: every version's dist and deprecation, a fraction of the full document.
const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';
// Deprecated for good in 2020: a registry whose metadata does not say so drops every deprecation
// (this machine's mirror does), and "0 deprecated" would then mean nothing.
const DEPRECATED_FOR_GOOD = { name: 'request', version: '2.88.2' };

const log = (line) => console.log(`[audit] ${line}`);

function runNpmAudit() {
  return new Promise((resolve) => {
    execFile('npm', NPM_AUDIT_ARGS, { timeout: NPM_AUDIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number' && !error.killed) {
        // npm itself could not be started: the lock-file audit still can be.
        resolve({ exitCode: -1, stdout: '', stderr: `npm error ${error.message}` });
      } else {
        resolve({ exitCode: error ? error.code : 0, stdout, stderr, timedOut: Boolean(error?.killed) });
      }
    });
  });
}

function reportNpmAudit(result) {
  const counts = result.counts;
  const figures = ['critical', 'high', 'moderate', 'low'].map((severity) => `${counts[severity] ?? 0} ${severity}`).join(', ');
  log(`npm audit ${NPM_AUDIT_ARGS.slice(1).join(' ')}: ${figures} (${result.productionDependencies ?? '?'} production dependencies)`);
  for (const vulnerability of result.vulnerabilities) {
    const why = vulnerability.advisories.length > 0 ? vulnerability.advisories.join('; ') : `via ${vulnerability.via.join(', ')}`;
    log(`${vulnerability.severity} ${vulnerability.name} (${vulnerability.paths.join(', ')}): ${why}`);
  }
  if (result.outcome === 'vulnerable') log('failed: npm audit found high or critical vulnerabilities in production dependencies (`npm audit --omit=dev` shows the fixes)');
  else log('passed: no high or critical vulnerability in production dependencies');
  return result.outcome === 'vulnerable' ? 1 : 0;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function describeError(error) {
  if (error?.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = error?.cause?.code ?? error?.cause?.message;
  return cause ? `${error.message} (${cause})` : String(error?.message ?? error);
}

// The registry's answer for one package name, reduced at once to the locked versions (some
// packuments are megabytes); a failed GET is tried once more.
async function fetchVersions(name, versions, budget) {
  const url = REGISTRY + name.replace('/', '%2f');
  let answer = { status: 'unreachable', reason: 'the time budget ran out' };
  for (let attempt = 1; attempt <= 2 && !budget.aborted; attempt++) {
    if (attempt === 2) await sleep(RETRY_DELAY_MS);
    try {
      const response = await fetch(url, { headers: { accept: ABBREVIATED }, signal: AbortSignal.any([budget, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
      if (response.ok) return { status: 'found', versions: pickVersions(await response.json(), versions) };
      await response.body?.cancel();
      answer = response.status === 404 ? { status: 'not-found' } : { status: 'unreachable', reason: `HTTP ${response.status}` };
    } catch (error) {
      answer = { status: 'unreachable', reason: budget.aborted ? 'the time budget ran out' : describeError(error) };
    }
  }
  return answer;
}

// True only when the registry answered and the canary's deprecation is missing.
async function registryDropsDeprecations(budget) {
  const answer = await fetchVersions(DEPRECATED_FOR_GOOD.name, [DEPRECATED_FOR_GOOD.version], budget);
  const canary = answer.status === 'found' ? answer.versions[DEPRECATED_FOR_GOOD.version] : null;
  return canary !== null && !canary.deprecated;
}

async function mapWithConcurrency(items, limit, work) {
  const results = new Map();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      results.set(item, await work(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// A CI log stays readable when a whole registry disagrees with the lock.
const LINES_PER_LIST = 50;
function logAtMost(findings, line) {
  for (const finding of findings.slice(0, LINES_PER_LIST)) log(line(finding));
  if (findings.length > LINES_PER_LIST) log(`… and ${findings.length - LINES_PER_LIST} more like these`);
}

async function auditLockFile() {
  const started = Date.now();
  const { entries, skipped } = parseLockEntries(JSON.parse(await readFile('package-lock.json', 'utf8')));
  const versionsByName = new Map();
  for (const entry of entries) versionsByName.set(entry.name, [...(versionsByName.get(entry.name) ?? []), entry.version]);

  const budget = AbortSignal.timeout(BUDGET_MS);
  const answers = await mapWithConcurrency([...versionsByName.keys()], CONCURRENCY, (name) => fetchVersions(name, versionsByName.get(name), budget));
  const findings = entries.flatMap((entry) => auditEntry(entry, answers.get(entry.name)));
  const namesWith = (status) => [...answers.values()].filter((answer) => answer.status === status).length;
  const [unreachableNames, notFoundNames] = [namesWith('unreachable'), namesWith('not-found')];
  const verdict = verdictOf({ findings, names: versionsByName.size, unreachableNames, notFoundNames, budgetExceeded: budget.aborted });
  const deprecationsBlind = verdict.status !== 'not-done' && !findings.some((finding) => finding.kind === 'deprecated') && (await registryDropsDeprecations(budget));

  const production = entries.filter((entry) => !entry.dev).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`${entries.length} locked packages (${production} production, ${entries.length - production} development), ${versionsByName.size} names, ${seconds} s; ${skipped.length} skipped (not from the registry)`);
  const count = (kind, dev) => verdict.findings.filter((finding) => finding.kind === kind && finding.dev === dev).length;
  for (const [dev, tree] of [[false, 'production'], [true, 'development']]) {
    log(`${tree}: ${count('integrity-mismatch', dev)} integrity mismatches, ${count('version-missing', dev) + count('package-missing', dev)} missing, ${count('deprecated', dev)} deprecated, ${count('unchecked', dev)} not checked`);
  }
  logAtMost(verdict.failures, (finding) => `FAILURE ${formatFinding(finding)}`);
  logAtMost(verdict.warnings, (finding) => `warning ${formatFinding(finding)}`);
  const unchecked = verdict.unchecked.slice(0, 5).map((finding) => `${finding.name} (${finding.detail})`);
  if (unchecked.length > 0) log(`warning: ${verdict.unchecked.length} packages not checked, e.g. ${unchecked.join(', ')}`);
  if (deprecationsBlind) log(`warning: this registry's metadata carries no deprecations (not even ${DEPRECATED_FOR_GOOD.name}@${DEPRECATED_FOR_GOOD.version}'s), so none could be seen`);

  if (verdict.status === 'failed') log('failed: a locked tarball differs from the registry or is gone, or a production dependency is deprecated for security');
  else if (verdict.status === 'not-done') {
    const why = {
      'time-budget': `the registry did not answer within ${BUDGET_MS / 1000} s`,
      unreachable: `${unreachableNames} of ${versionsByName.size} package names could not be fetched`,
      'unknown-packages': `the registry knows ${notFoundNames} of ${versionsByName.size} package names not at all (404), so it is not the one the lock came from`,
    }[verdict.notDone];
    log(`WARNING: the dependency audit could not be done: ${why} (${REGISTRY}); not failing CI for it`);
  }
  else log('passed: every locked tarball matches the registry, no version is missing, no production dependency is deprecated for security');
  return verdict.exitCode;
}

const npmAudit = classifyNpmAudit(await runNpmAudit());
if (npmAudit.outcome !== 'unavailable') {
  process.exitCode = reportNpmAudit(npmAudit);
} else {
  log(`npm audit is unavailable here: ${npmAudit.reason}`);
  log(`instead: package-lock.json against ${REGISTRY} (integrity, unpublished versions, deprecations)`);
  process.exitCode = await auditLockFile();
}
