import { z } from 'zod';

/** One Redis server's address, as the operator wrote it. */
export interface HostPort {
  host: string;
  port: number;
}

/**
 * Which Redis the service talks to, chosen by configuration alone: one server (`REDIS_URL`), a
 * Redis Cluster (`REDIS_CLUSTER_NODES`) or a master found through Redis Sentinel
 * (`REDIS_SENTINELS` with `REDIS_SENTINEL_NAME`). `REDIS_PASSWORD` is for any of them.
 */
export type RedisTopology = { password: string | undefined } & (
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: HostPort[] }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string }
);

// host:port with a host name, an IPv4 address or a bracketed IPv6 address.
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Parses `host:port`; null when it is not one. */
export function parseHostPort(text: string): HostPort | null {
  const match = HOST_PORT.exec(text.trim());
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

/** A comma list of `host:port`, each checked, with the first bad one named in the message. */
export const hostPortList = z
  .string()
  .transform((text, ctx) => {
    const items = text.split(',').map((item) => item.trim()).filter(Boolean);
    const bad = items.find((item) => parseHostPort(item) === null);
    if (bad !== undefined || items.length === 0) {
      ctx.addIssue({ code: 'custom', message: `${bad === undefined ? 'no host:port given' : `"${bad}" is not host:port`}; write a comma list such as redis-1:6379,redis-2:6379` });
      return z.NEVER;
    }
    return items.map((item) => parseHostPort(item)!);
  })
  .optional();

/** The variables of this file, as the environment schema declares them. */
export const redisVariables = {
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }).optional(),
  REDIS_CLUSTER_NODES: hostPortList,
  REDIS_SENTINELS: hostPortList,
  REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9._-]+$/, 'the master name from the Sentinels\' configuration (letters, digits, . _ -)').optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
};

/**
 * The lines for variables that are well formed each but do not fit together: two topologies at
 * once, or a Sentinel set without the master's name (or the other way round).
 */
export function redisTopologyProblems(values: Record<string, string | undefined>): string[] {
  const given = (name: string) => values[name] !== undefined;
  const lines: string[] = [];
  if (given('REDIS_CLUSTER_NODES') && given('REDIS_SENTINELS')) {
    lines.push('REDIS_SENTINELS: set either REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Redis Sentinel), not both');
  }
  for (const other of ['REDIS_CLUSTER_NODES', 'REDIS_SENTINELS']) {
    if (given('REDIS_URL') && given(other)) lines.push(`REDIS_URL: set either REDIS_URL (one Redis server) or ${other}, not both`);
  }
  if (given('REDIS_SENTINELS') && !given('REDIS_SENTINEL_NAME')) {
    lines.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the Sentinels know the master by, e.g. mymaster)');
  }
  if (given('REDIS_SENTINEL_NAME') && !given('REDIS_SENTINELS')) {
    lines.push('REDIS_SENTINEL_NAME: only used with Redis Sentinel; set REDIS_SENTINELS as well');
  }
  return lines;
}

/** True when the environment names a Cluster or Sentinels, so that REDIS_URL is not needed. */
export function namesRedisTopology(values: Record<string, string | undefined>): boolean {
  return values.REDIS_CLUSTER_NODES !== undefined || values.REDIS_SENTINELS !== undefined;
}

/** The topology from the parsed variables (`url`: REDIS_URL or its development default). */
export function redisTopology(
  env: { REDIS_CLUSTER_NODES?: HostPort[]; REDIS_SENTINELS?: HostPort[]; REDIS_SENTINEL_NAME?: string; REDIS_PASSWORD?: string },
  url: string,
): RedisTopology {
  const password = env.REDIS_PASSWORD;
  if (env.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES, password };
  if (env.REDIS_SENTINELS) return { kind: 'sentinel', sentinels: env.REDIS_SENTINELS, name: env.REDIS_SENTINEL_NAME!, password };
  return { kind: 'single', url, password };
}
