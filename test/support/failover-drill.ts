import { checkStatus } from './citizen-cases';
import { openCase, submitDocument } from './cases';
import type { Office } from './office';
import type { Citizen, TestService } from './test-service';
import { sleep, waitUntil } from './wait';

/** What a drill counted: requests accepted and answered, none lost or doubled, and how long recovery took. */
export interface DrillFigures {
  statusChecksAccepted: number;
  statusChecksAnswered: number;
  casesOpened: number;
  caseNoticesDelivered: number;
  /** Answers beyond one per request or case (must be 0). */
  doubled: number;
  /** Calls answered with a 5xx (must be 0). */
  serverErrors: number;
  /** From the start of the failover until every accepted request was answered. */
  recoveredMs: number;
  /** The longest time without a status-check answer from the start of the failover on. */
  answersPausedMs: number;
  /** The longest a status check waited from its request to its answer. */
  slowestAnswerMs: number;
}

/**
 * The status-check and case-opening flows end to end (gateway and workers of `service`), with
 * `failover` started while they run: a status check per citizen every round, and a case opened
 * from a new submission of each every fourth round. Then waits (with a
 * deadline) until every accepted status check has its answer and every opened case its
 * citizen's notice, and counts them, and what came twice, from the database.
 */
export async function flowsThroughFailover(
  service: TestService,
  office: Office,
  citizens: Citizen[],
  failover: () => Promise<void>,
  options: { loadMs?: number; minRounds?: number; failoverAfterMs?: number; answerWithinMs?: number } = {},
): Promise<DrillFigures> {
  // At least `minRounds` rounds (a loaded machine, or requests that wait out the failover, make
  // rounds slow) and at least `loadMs`, so that requests come before, during and after it.
  const { loadMs = 6000, minRounds = 12, failoverAfterMs = 1500, answerWithinMs = 40_000 } = options;
  const statusChecks: string[] = [];
  const cases: string[] = [];
  let serverErrors = 0;
  const note = (error: unknown) => {
    // A 5xx is what the drill looks for; a refusal of another kind would show in the counts.
    if (/: 5\d\d /.test(String(error))) serverErrors += 1;
    else throw error;
  };

  const started = Date.now();
  let failoverStarted = 0;
  const failing = (async () => {
    await sleep(failoverAfterMs);
    failoverStarted = Date.now();
    await failover();
  })();
  let round = 0;
  while (Date.now() - started < loadMs || round < minRounds) {
    round += 1;
    await Promise.all(
      citizens.map(async (citizen, i) => {
        await checkStatus(service, citizen.token, `DRILL.${i}.${round}.2026`).then((accepted) => statusChecks.push(accepted.id), note);
        if (round % 4 === 0) {
          const title = `Wniosek ${round}-${i}`;
          const submissionId = await submitDocument(service, citizen, title).catch((error) => (note(error), null));
          if (submissionId) {
            await openCase(service, office, { jrwaSymbol: '6840', title, submissionId }).then((opened) => cases.push(opened.number), note);
          }
        }
      }),
    );
    await sleep(50);
  }
  await failing;

  const db = service.ctx.dataSource;
  const answered = async () =>
    Number((await db.query(`SELECT count(*)::int AS n FROM status_checks WHERE id = ANY($1) AND status = 'delivered'`, [statusChecks]))[0].n);
  const noticed = async () =>
    Number(
      (
        await db.query(
          `SELECT count(DISTINCT data->>'caseNumber')::int AS n FROM messages WHERE kind = 'case_opened' AND data->>'caseNumber' = ANY($1)`,
          [cases],
        )
      )[0].n,
    );
  await waitUntil(async () => (await answered()) === statusChecks.length && (await noticed()) === cases.length, 'every accepted request to be answered', answerWithinMs, 200).catch(
    async (error: Error) => {
      throw new Error(`${error.message}: ${await whatIsMissing(service, statusChecks, cases)}`);
    },
  );
  const recoveredMs = Date.now() - failoverStarted;

  const [{ n: doubledAnswers }] = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM messages WHERE kind = 'case_status' AND data->>'requestId' = ANY($1) GROUP BY data->>'requestId') t`,
    [statusChecks],
  );
  const [{ n: doubledNotices }] = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM messages WHERE kind = 'case_opened' AND data->>'caseNumber' = ANY($1) GROUP BY data->>'caseNumber') t`,
    [cases],
  );
  const answers: Array<{ requested: number; delivered: number }> = await db.query(
    `SELECT extract(epoch FROM requested_at) * 1000 AS requested, extract(epoch FROM delivered_at) * 1000 AS delivered
       FROM status_checks WHERE id = ANY($1) ORDER BY delivered_at`,
    [statusChecks],
  );
  let answersPausedMs = 0;
  let previous = failoverStarted;
  for (const { delivered } of answers) {
    if (Number(delivered) < failoverStarted) continue;
    answersPausedMs = Math.max(answersPausedMs, Number(delivered) - previous);
    previous = Number(delivered);
  }
  return {
    statusChecksAccepted: statusChecks.length,
    statusChecksAnswered: await answered(),
    casesOpened: cases.length,
    caseNoticesDelivered: await noticed(),
    doubled: Number(doubledAnswers) + Number(doubledNotices),
    serverErrors,
    recoveredMs,
    answersPausedMs: Math.round(answersPausedMs),
    slowestAnswerMs: Math.round(Math.max(0, ...answers.map((a) => Number(a.delivered) - Number(a.requested)))),
  };
}

/** Logs in again and logs that token out; resolves to the revoked token (401 from now on). */
export async function loggedOutToken(service: TestService, citizen: Citizen): Promise<string> {
  const token = await service.login(citizen.login, citizen.password);
  const out = await service.api('POST', '/api/v1/auth/logout', { token });
  if (out.status >= 300) throw new Error(`logout: ${out.status}`);
  return token;
}

/** The status of GET /api/v1/me with `token`. */
export async function meStatus(service: TestService, token: string): Promise<number> {
  return (await service.api('GET', '/api/v1/me', { token })).status;
}

/** Where the unanswered requests are: their rows and their jobs' states, for a failed drill's message. */
async function whatIsMissing(service: TestService, statusChecks: string[], cases: string[]): Promise<string> {
  const db = service.ctx.dataSource;
  const checks: Array<{ id: string; status: string }> = await db.query(`SELECT id, status FROM status_checks WHERE id = ANY($1) AND status <> 'delivered'`, [statusChecks]);
  const states = await Promise.all(checks.map(async (c) => `${c.id} ${c.status} job ${await service.ctx.producer.queue('status-check').getJobState(c.id)}`));
  const events: Array<{ id: string; number: string; published: boolean; processed: boolean }> = await db.query(
    `SELECT e.id, c.number, e.published_at IS NOT NULL AS published, e.processed_at IS NOT NULL AS processed
       FROM outbox_events e JOIN cases c ON c.id::text = e.payload->>'caseId'
      WHERE e.job_name = 'inbox.case-opened' AND c.number = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.kind = 'case_opened' AND m.data->>'caseNumber' = c.number)`,
    [cases],
  );
  const notices = await Promise.all(
    events.map(async (e) => `${e.number} published ${e.published} processed ${e.processed} job ${await service.ctx.producer.queue('inbox').getJobState(e.id)}`),
  );
  return `status checks [${states.join('; ')}], case notices [${notices.join('; ')}]`;
}
