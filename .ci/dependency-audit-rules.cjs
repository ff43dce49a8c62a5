'use strict';
// The rules of the dependency audit (.ci/dependency-audit.mjs), apart from its I/O so that Jest
// can test them. CommonJS on purpose: Jest here runs CommonJS (swc, no VM modules) and an ES
// module script imports CommonJS as it is, so one file serves both without a build step.

/** Words that make a deprecation a security matter (matched case-insensitively). */
const SECURITY_WORDING = /security|vulnerab|\bcve\b|exploit|malicious|compromised/i;

/** Whether a deprecation message speaks of security (a compromised release, a CVE, ...). */
function isSecurityDeprecation(message) {
  return typeof message === 'string' && SECURITY_WORDING.test(message);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SEVERITY_ORDER = ['critical', 'high', 'moderate', 'low', 'info'];

/**
 * Reads the outcome of `npm audit --json`: "passed" or "vulnerable" when npm got a report (its
 * exit code is its verdict for the --audit-level it was given), "unavailable" when it got none —
 * the endpoint refused (405 on this machine's mirror), the network failed, or npm timed out.
 */
function classifyNpmAudit({ exitCode, stdout, stderr = '', timedOut = false }) {
  if (timedOut) return { outcome: 'unavailable', reason: 'npm audit did not finish in time' };
  const output = parseJson(stdout);
  if (output && typeof output.metadata?.vulnerabilities === 'object') {
    return {
      outcome: exitCode === 0 ? 'passed' : 'vulnerable',
      counts: output.metadata.vulnerabilities,
      productionDependencies: output.metadata.dependencies?.prod,
      vulnerabilities: listVulnerabilities(output),
    };
  }
  // npm's error object (--json) carries the request that failed; otherwise its first error line.
  const errorLine = stderr.split('\n').find((line) => line.startsWith('npm error') || line.startsWith('npm ERR!'));
  const reason = output?.message || output?.error?.summary || errorLine || `npm audit exited with ${exitCode} and no report`;
  return { outcome: 'unavailable', reason };
}

/** The vulnerable packages of an audit report (version 2), the most severe first. */
function listVulnerabilities(report) {
  return Object.values(report.vulnerabilities ?? {})
    .map((vulnerability) => ({
      name: vulnerability.name,
      severity: vulnerability.severity,
      paths: vulnerability.nodes ?? [],
      // "via" holds advisories (objects) and the names of vulnerable dependencies (strings).
      advisories: (vulnerability.via ?? []).filter((via) => typeof via === 'object').map((via) => `${via.title} ${via.url}`),
      via: (vulnerability.via ?? []).filter((via) => typeof via === 'string'),
    }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.name.localeCompare(b.name));
}

/**
 * The packages of a package-lock.json (lockfileVersion 2 or 3) that came from the registry, with
 * where each one lies in the lock; links, workspace folders, bundled packages and packages from
 * git or other URLs are listed apart as skipped (the registry knows nothing of them).
 */
function parseLockEntries(lock) {
  if (!lock || typeof lock.packages !== 'object' || lock.packages === null) {
    throw new Error('package-lock.json has no "packages" section (lockfileVersion 2 or 3, written by npm 7 or later, is needed)');
  }
  const entries = [];
  const skipped = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue; // the project itself
    const at = path.lastIndexOf('node_modules/');
    if (at === -1) {
      skipped.push({ path, reason: 'a workspace folder of the project' });
      continue;
    }
    // An alias (npm:real-name@range) lies under its alias and names the real package in "name".
    const name = entry.name ?? path.slice(at + 'node_modules/'.length);
    if (entry.link) skipped.push({ path, reason: 'a link to a local folder' });
    else if (entry.inBundle) skipped.push({ path, reason: "bundled in its parent's tarball" });
    else if (!entry.version || !isRegistryTarball(entry.resolved, name, entry.version)) skipped.push({ path, reason: `not from the registry (${entry.resolved ?? 'no version'})` });
    else entries.push({ path, name, version: entry.version, integrity: entry.integrity ?? null, dev: entry.dev === true });
  }
  return { entries, skipped };
}

// Locks written with omit-lockfile-registry-resolved have no "resolved" for registry packages.
function isRegistryTarball(resolved, name, version) {
  if (resolved === undefined) return true;
  const unscoped = name.slice(name.lastIndexOf('/') + 1);
  return /^https?:\/\//.test(resolved) && resolved.endsWith(`/${name}/-/${unscoped}-${version}.tgz`);
}

/** What the audit needs of a packument: per locked version its dist and deprecation, or null. */
function pickVersions(packument, versions) {
  const picked = {};
  for (const version of versions) {
    const manifest = packument.versions?.[version];
    picked[version] = manifest ? { dist: manifest.dist ?? {}, deprecated: manifest.deprecated ?? null } : null;
  }
  return picked;
}

// An SRI string ("sha512-... sha1-...") as algorithm → digests.
function parseIntegrity(integrity) {
  const digests = new Map();
  for (const token of (integrity ?? '').trim().split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const algorithm = token.slice(0, dash);
    if (!digests.has(algorithm)) digests.set(algorithm, new Set());
    digests.get(algorithm).add(token.slice(dash + 1).split('?')[0]);
  }
  return digests;
}

/**
 * "match", "mismatch" or "unverifiable": compares the lock's integrity with the registry's
 * dist.integrity (and its sha1 shasum, which old packages have alone) on every algorithm both name.
 */
function compareIntegrity(lockedIntegrity, dist) {
  const registry = parseIntegrity(dist?.integrity);
  if (dist?.shasum) registry.set('sha1', new Set([...(registry.get('sha1') ?? []), Buffer.from(dist.shasum, 'hex').toString('base64')]));
  const locked = parseIntegrity(lockedIntegrity);
  let compared = false;
  for (const [algorithm, lockedDigests] of locked) {
    const registryDigests = registry.get(algorithm);
    if (!registryDigests) continue;
    compared = true;
    if (![...lockedDigests].some((digest) => registryDigests.has(digest))) return 'mismatch';
  }
  return compared ? 'match' : 'unverifiable';
}

/**
 * The findings for one locked package, given the registry's answer for its name:
 * { status: 'found', versions } (from pickVersions), { status: 'not-found' } (404) or
 * { status: 'unreachable', reason }.
 */
function auditEntry(entry, answer) {
  const about = { path: entry.path, name: entry.name, version: entry.version, dev: entry.dev };
  if (answer.status === 'unreachable') return [{ ...about, kind: 'unchecked', detail: answer.reason }];
  if (answer.status === 'not-found') return [{ ...about, kind: 'package-missing', detail: 'the registry has no such package (unpublished?)' }];
  const published = answer.versions[entry.version];
  if (!published) return [{ ...about, kind: 'version-missing', detail: 'the registry no longer has this version (unpublished?)' }];
  const findings = [];
  const integrity = compareIntegrity(entry.integrity, published.dist);
  if (integrity === 'mismatch') {
    findings.push({ ...about, kind: 'integrity-mismatch', detail: `lock ${entry.integrity}, registry ${published.dist.integrity ?? `sha1 ${published.dist.shasum}`}` });
  } else if (integrity === 'unverifiable') {
    findings.push({ ...about, kind: 'integrity-unverifiable', detail: `lock ${entry.integrity ?? 'has none'}, registry ${published.dist.integrity ?? 'has none'}` });
  }
  if (published.deprecated) findings.push({ ...about, kind: 'deprecated', detail: published.deprecated });
  return findings;
}

const ALWAYS_FAILS = new Set(['integrity-mismatch', 'version-missing', 'package-missing']);

/** Whether a finding fails the audit: a changed or vanished tarball anywhere, or a production
 * dependency deprecated for a security reason; everything else is a warning. */
function failsAudit(finding) {
  if (ALWAYS_FAILS.has(finding.kind)) return true;
  return finding.kind === 'deprecated' && !finding.dev && isSecurityDeprecation(finding.detail);
}

/**
 * The verdict of the lock-file audit. It is "not-done" (exit 0, with a warning) when the time
 * budget ran out or the registry did not answer for most package names — unreachable, or a 404
 * for most of them (a proxy or another registry, not a mass unpublishing; such 404s say nothing
 * about a package and count as not checked) — so that an unusable registry never fails CI. A
 * finding that fails the audit fails it even then: a changed tarball is a fact, not a flaky network.
 */
function verdictOf({ findings, names, unreachableNames, notFoundNames = 0, budgetExceeded }) {
  const registryAnswered = (unreachableNames + notFoundNames) * 2 <= names;
  const believed = registryAnswered ? findings : findings.map((finding) => (finding.kind === 'package-missing' ? { ...finding, kind: 'unchecked', detail: 'the registry knows most names not at all' } : finding));
  const failures = believed.filter(failsAudit);
  const warnings = believed.filter((finding) => finding.kind !== 'unchecked' && !failsAudit(finding));
  const unchecked = believed.filter((finding) => finding.kind === 'unchecked');
  let notDone = null;
  if (budgetExceeded) notDone = 'time-budget';
  else if (!registryAnswered) notDone = unreachableNames >= notFoundNames ? 'unreachable' : 'unknown-packages';
  let status = 'passed';
  if (failures.length > 0) status = 'failed';
  else if (notDone) status = 'not-done';
  return { status, notDone, exitCode: status === 'failed' ? 1 : 0, findings: believed, failures, warnings, unchecked };
}

const KIND_LABELS = {
  'integrity-mismatch': 'integrity mismatch',
  'version-missing': 'version missing',
  'package-missing': 'package missing',
  'integrity-unverifiable': 'integrity not verifiable',
  deprecated: 'deprecated',
  unchecked: 'not checked',
};

/** One line for a finding: what, where in the lock, which package, why. */
function formatFinding(finding) {
  const tree = finding.dev ? 'development' : 'production';
  return `${KIND_LABELS[finding.kind] ?? finding.kind} (${tree}) ${finding.path} ${finding.name}@${finding.version}: ${finding.detail}`;
}

module.exports = {
  isSecurityDeprecation,
  classifyNpmAudit,
  listVulnerabilities,
  parseLockEntries,
  pickVersions,
  compareIntegrity,
  auditEntry,
  failsAudit,
  verdictOf,
  formatFinding,
};
