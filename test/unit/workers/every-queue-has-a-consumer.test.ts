import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { JOB_NAMES, JOB_QUEUE, QUEUE_NAMES } from '../../../services/queue/jobs';
import { selectedQueues } from '../../../workers/worker.runner';

interface ComposeService {
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
}

const compose = parse(readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** A Compose value with its `${NAME:-default}` parts replaced by their defaults (an unset environment). */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? '');

const workerServices = Object.entries(compose.services).filter(([, s]) => [s.command ?? []].flat().join(' ').includes('workers/worker.main.js'));

describe('every queue has a consumer (as GOV.UK Notify checks its queues)', () => {
  test('when Compose starts its worker services with their default settings, then together they work every queue', () => {
    expect(workerServices.length).toBeGreaterThan(0);
    const worked = new Set(
      workerServices.flatMap(([, s]) => {
        const raw = withDefaults(String(s.environment?.WORKER_QUEUES ?? ''));
        return selectedQueues(raw.split(',').map((q) => q.trim()).filter(Boolean));
      }),
    );
    expect([...worked].sort()).toEqual([...QUEUE_NAMES].sort());
  });

  test('when a queue is declared, then at least one job travels on it', () => {
    const used = new Set(JOB_NAMES.map((name) => JOB_QUEUE[name]));
    expect([...used].sort()).toEqual([...QUEUE_NAMES].sort());
  });
});
