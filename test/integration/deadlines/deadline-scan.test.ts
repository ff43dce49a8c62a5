import { randomBytes } from 'node:crypto';
import { config } from '../../../config/config';
import { createStaffAccount } from '../../../services/accounts/staff-accounts';
import { createContext } from '../../../services/context';
import { startWorkers } from '../../../workers/worker.runner';
import { changeCase, linkByKey, openCase, submitDocument } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let olga: { id: string; login: string; email: string };
let submitter: Citizen;
let keyHolder: Citizen;

const DAY = 24 * 3600 * 1000;
const db = () => service.ctx.dataSource;
const scan = (now: Date = new Date()) => service.ctx.services.deadlineScan.scan(now);

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  [submitter, keyHolder] = [await service.citizen(), await service.citizen()];
  // An official of the office's unit with an address of her own (the office's default one has the placeholder).
  const [unit] = await db().query(`SELECT id FROM units WHERE symbol = $1`, [office.unitSymbol]);
  const login = `olga.${randomBytes(4).toString('hex')}`;
  const email = `${login}@urzad.example`;
  const { id } = await createStaffAccount(db().manager, { login, password: `Bardzo-Tajne-Haslo-${login}`, firstName: 'Olga', lastName: 'Terminowa', role: 'official', email, unitId: unit.id });
  olga = { id, login, email };
});
afterAll(() => service.stop());

let titles = 0;
/** A case opened from the submitter's document, also followed by the key holder; Olga's unless told otherwise. */
async function followedCase(responsibleLogin: string = olga.login): Promise<{ id: string; number: string; title: string }> {
  const title = `Wniosek o podział działki ${++titles}`;
  const submissionId = await submitDocument(service, submitter, title);
  const opened = await openCase(service, office, { jrwaSymbol: '6840', title, submissionId, responsibleLogin });
  await linkByKey(service, opened.number, keyHolder.id);
  return { id: opened.id, number: opened.number, title };
}

/** Sets a case's deadline `ms` from now (negative: in the past), as if that much time had gone by. */
async function dueIn(number: string, ms: number): Promise<Date> {
  const [[row]] = await db().query(`UPDATE cases SET due_at = now() + make_interval(secs => $2::float8 / 1000) WHERE number = $1 RETURNING due_at`, [number, ms]);
  return row.due_at;
}

/** The case_overdue messages of one case in a citizen's inbox, oldest first. */
async function overdueNotices(citizen: Citizen, number: string): Promise<Array<{ data: any; body_text: string; event_key: string }>> {
  return db().query(
    `SELECT data, body_text, event_key FROM messages WHERE user_id = $1 AND kind = 'case_overdue' AND data->>'caseNumber' = $2 ORDER BY created_at`,
    [citizen.id, number],
  );
}

/** How many reminder e-mails were recorded for an official (one outbox event each). */
async function recordedReminders(userId: string): Promise<number> {
  const [{ count }] = await db().query(`SELECT count(*)::int AS count FROM outbox_events WHERE job_name = 'mail.deadline-reminder' AND payload->>'userId' = $1`, [userId]);
  return count;
}

/** Waits until every recorded reminder of the official was sent, then answers the e-mails that reached her. */
async function remindersSentTo(official: { id: string; email: string }) {
  await waitUntil(async () => {
    const [{ pending }] = await db().query(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE job_name = 'mail.deadline-reminder' AND payload->>'userId' = $1 AND processed_at IS NULL`,
      [official.id],
    );
    return pending === 0;
  }, 'the reminder e-mails to be sent');
  return service.mail.to(official.email).filter((m) => m.subject === 'Terminy załatwienia Twoich spraw');
}

describe('the deadline scan (KPA art. 35–37)', () => {
  test('when the workers start, then the deadline job scheduler exists at the configured hour in Warsaw, and a second set of workers adds no second one', async () => {
    const queue = service.ctx.producer.queue('deadline');
    const expectOne = async () => {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual([expect.objectContaining({ key: 'deadline-scan', name: 'deadline.scan', pattern: config().deadlines.scanCron, tz: 'Europe/Warsaw' })]);
      expect(await queue.getJobCountByTypes('delayed')).toBe(1); // the next tick: one job, however many workers
    };
    await expectOne();
    await waitUntil(async () => (await queue.getJobs(['completed'])).some((j) => j.name === 'deadline.scan'), 'the scan at worker start to run');
    const second = await startWorkers(service.ctx, { relay: false });
    try {
      await expectOne();
    } finally {
      await second.close();
    }
  });

  test('when the scan runs twice, then each citizen linked to the overdue case has one case_overdue message and its official one reminder e-mail', async () => {
    const c = await followedCase();
    const dueAt = await dueIn(c.number, -2 * DAY);
    const soon = await followedCase();
    await dueIn(soon.number, 3600 * 1000); // due later today: in the reminder, not overdue

    const first = await scan();
    await scan();

    for (const citizen of [submitter, keyHolder]) {
      const notices = await overdueNotices(citizen, c.number);
      expect(notices).toHaveLength(1);
      expect(notices[0].data).toEqual({
        caseNumber: c.number,
        dueAt: dueAt.toISOString(),
        unitName: office.unitName,
        unitPhone: '+48 67 250 00 00',
        unitEmail: 'gn@urzad.example',
        responsiblePerson: 'Olga Terminowa',
      });
      expect(notices[0].body_text).toContain('+48 67 250 00 00');
      expect(notices[0].body_text).toContain(`${config().publicUrl}/moje-sprawy/${c.number}`);
      expect(await overdueNotices(citizen, soon.number)).toHaveLength(0);
    }
    expect(first.overdueNotices).toBeGreaterThanOrEqual(2);
    // The citizen hears of it by the usual "new message" e-mail.
    await service.mail.waitFor(keyHolder.email, /Nowa wiadomość/);

    expect(await recordedReminders(olga.id)).toBe(1);
    const mails = await remindersSentTo(olga);
    expect(mails).toHaveLength(1);
    const [overdueLine, soonLine] = [c, soon].map((x) => mails[0].text.split('\n').findIndex((line) => line.includes(x.number)));
    expect(overdueLine).toBeGreaterThanOrEqual(0);
    expect(soonLine).toBeGreaterThan(overdueLine);
    expect(mails[0].text).toContain(c.title);
    expect(mails[0].text).toMatch(/termin: \d{1,2} [a-ząćęłńóśźż]+ \d{4} — PO TERMINIE/);
    expect(mails[0].html).toContain('po terminie');
    expect(mails[0].text).toContain(`${config().publicUrl}/urzad/sprawy/${c.number}`);
  });

  test('when two scans run at once in two processes, then each citizen gets one notice per overdue case and the official one reminder', async () => {
    const c = await followedCase();
    await dueIn(c.number, -DAY);
    const tomorrow = new Date(Date.now() + DAY); // another office day: Olga is due a new reminder
    const other = await createContext(config());
    try {
      await Promise.all([scan(tomorrow), other.services.deadlineScan.scan(tomorrow), scan(tomorrow)]);
    } finally {
      await other.close();
    }
    for (const citizen of [submitter, keyHolder]) expect(await overdueNotices(citizen, c.number)).toHaveLength(1);
    expect(await recordedReminders(olga.id)).toBe(2); // yesterday's (the test before) and this day's
    await waitUntil(async () => (await remindersSentTo(olga)).length >= 2, 'the second day’s reminder');
    expect(await remindersSentTo(olga)).toHaveLength(2);
  });

  test('when an official sets a new date (art. 36) after the overdue notice, then a second notice comes only once that date passes, and only once', async () => {
    const c = await followedCase();
    await dueIn(c.number, -DAY);
    await scan();
    expect(await overdueNotices(submitter, c.number)).toHaveLength(1);

    const newDueAt = new Date(Date.now() + 5 * DAY).toISOString();
    const changed = await changeCase(service, office.official.token, c.number, { dueAt: newDueAt, reason: 'Potrzebna opinia rzeczoznawcy.' });
    expect(changed.status).toBe(200);
    await scan();
    expect(await overdueNotices(submitter, c.number)).toHaveLength(1);

    const later = new Date(Date.now() + 6 * DAY);
    await scan(later);
    await scan(later);
    const notices = await overdueNotices(submitter, c.number);
    expect(notices.map((n) => n.data.dueAt)).toEqual([expect.any(String), changed.body.dueAt]);
    expect(notices[0].event_key).not.toBe(notices[1].event_key);
    expect(await overdueNotices(keyHolder, c.number)).toHaveLength(2);
  });

  test('when the responsible official has no address of their own, then the scan sends them nothing', async () => {
    const c = await followedCase(office.official.login);
    await dueIn(c.number, -DAY);
    await scan();
    expect(await recordedReminders(office.official.id)).toBe(0);
    const [{ count }] = await db().query(`SELECT count(*)::int AS count FROM deadline_reminder_mails WHERE user_id = $1`, [office.official.id]);
    expect(count).toBe(0);
    expect(await overdueNotices(submitter, c.number)).toHaveLength(1); // the citizens are told all the same
  });

  test('when a case is not yet due, or overdue but suspended, then it gets no notice', async () => {
    const notDue = await followedCase();
    const suspended = await followedCase();
    await dueIn(suspended.number, -DAY);
    expect((await changeCase(service, office.official.token, suspended.number, { status: 'suspended' })).status).toBe(200);
    await scan();
    for (const citizen of [submitter, keyHolder]) {
      expect(await overdueNotices(citizen, notDue.number)).toHaveLength(0);
      expect(await overdueNotices(citizen, suspended.number)).toHaveLength(0);
    }
  });

  test('when a scan has run, then /metrics has the overdue cases of the unit, the last run time and the duration', async () => {
    const started = Date.now() / 1000;
    const result = await scan();
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(text).toContain(`case_status_cases_overdue{unit="${office.unitSymbol}"} ${result.overdueCases}`);
    const lastRun = Number(/^case_status_deadline_scan_last_run_timestamp_seconds (\S+)$/m.exec(text)?.[1]);
    expect(lastRun).toBeGreaterThanOrEqual(Math.floor(started));
    expect(text).toMatch(/^case_status_deadline_scan_duration_seconds_count [1-9]\d*$/m);
  });

  test('when a ponaglenie in the official\'s case was not passed on within 7 days, then her reminder e-mail lists it as late', async () => {
    const c = await followedCase();
    await dueIn(c.number, -2 * DAY);
    const filed = await service.api('POST', `/api/v1/cases/${encodeURIComponent(c.number)}/reminders`, { token: submitter.token, body: { justification: 'Sprawa trwa dłużej niż miesiąc.' } });
    expect(filed.status).toBe(201);
    // Nine days later: the office day of a new reminder, and past the ponaglenie's forwardBy.
    const later = new Date(Date.now() + 9 * DAY);
    await scan(later);
    const mails = await remindersSentTo(olga);
    const late = mails.find((m) => m.text.includes('Ponaglenia, których urząd nie przekazał w terminie 7 dni'));
    expect(late).toBeDefined();
    expect(late!.text).toContain(`- ${c.number}: złożone`);
    expect(late!.text).toContain(`${config().publicUrl}/urzad/ponaglenia`);
  });
});

