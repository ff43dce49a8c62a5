import client from 'prom-client';

/**
 * The process's Prometheus registry and the service's own metrics. HTTP metrics come from
 * express-prom-bundle on the same registry; queue depth is read from Redis when scraped.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const jobDuration = new client.Histogram({
  name: 'case_status_job_duration_seconds',
  help: 'Time a worker spent on one job, per queue, job name and outcome',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const statusAnswerLatency = new client.Histogram({
  name: 'case_status_answer_latency_seconds',
  help: 'From a status-check request arriving to its inbox message being committed',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const casesOverdue = new client.Gauge({
  name: 'case_status_cases_overdue',
  help: 'Running cases past their deadline per unit (symbol), as the last deadline scan of this process counted them',
  labelNames: ['unit'] as const,
  registers: [registry],
});

export const deadlineScanLastRun = new client.Gauge({
  name: 'case_status_deadline_scan_last_run_timestamp_seconds',
  help: 'When the last deadline scan of this process finished (Unix time)',
  registers: [registry],
});

export const deadlineScanDuration = new client.Histogram({
  name: 'case_status_deadline_scan_duration_seconds',
  help: 'Time one deadline scan took: the query, the overdue notices and the reminders recorded',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const liveStreamsOpen = new client.Gauge({
  name: 'case_status_live_streams_open',
  help: 'Live event streams (GET /api/v1/events) open in this gateway process',
  registers: [registry],
});

/** Registers a gauge of waiting/active/delayed/failed jobs per queue, read at scrape time. */
export function registerQueueDepth(read: () => Promise<Array<{ queue: string; counts: Record<string, number> }>>): void {
  if (registry.getSingleMetric('case_status_queue_jobs')) return;
  new client.Gauge({
    name: 'case_status_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const { queue, counts } of await read()) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      } catch {
        // Redis down: the gauge is empty; /readyz says why.
      }
    },
  });
}

export const replicaReadFallbacks = new client.Counter({
  name: 'case_status_replica_read_fallbacks_total',
  help: 'Reads meant for a read replica (DATABASE_REPLICA_URLS) that the primary answered because the replica was unreachable',
  registers: [registry],
});
