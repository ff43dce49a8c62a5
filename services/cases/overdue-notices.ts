import type { DataSource } from 'typeorm';
import { deliverMessage, type DeliverMessage } from '../inbox/message-delivery.service';
import { existingEventKeys } from '../inbox/message.repository';
import { renderMessage } from '../inbox/message-templates';
import type { Outbox } from '../outbox/outbox.service';
import { citizenCasePath } from '../shared/page-paths';
import { personName } from './person-name';
import { listLinksOfCases, type DeadlineCase } from './deadline-scan.repository';

/** Messages per transaction: a town's overdue cases take a few, and no transaction holds many locks for long. */
const BATCH = 200;

/** The `case_overdue` notice's key: one per case, deadline and citizen, so a new art. 36 date may earn a new one. */
export function overdueEventKey(c: Pick<DeadlineCase, 'id' | 'dueAt'>, userId: string): string {
  return `case-overdue:${c.id}:${c.dueAt.toISOString()}:${userId}`;
}

/**
 * The `case_overdue` messages (KPA art. 36 §1) to every citizen linked to an overdue case,
 * each once per `dueAt`. The keys already delivered are read in one query, so a daily scan of
 * cases long overdue writes nothing; the rest go in batches, in key order, so that concurrent
 * scans wait on each other's rows instead of deadlocking, and the second writes nothing.
 */
export class OverdueNotices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly publicUrl: string,
  ) {}

  /** Delivers what is missing; returns how many messages were written now. */
  async deliver(overdue: readonly DeadlineCase[]): Promise<number> {
    const byId = new Map(overdue.map((c) => [c.id, c]));
    const links = await listLinksOfCases(this.dataSource, [...byId.keys()]);
    const wanted = links.map(({ caseId, userId }) => {
      const c = byId.get(caseId)!; // links were read for these cases only
      return { c, userId, eventKey: overdueEventKey(c, userId) };
    });
    const delivered = await existingEventKeys(this.dataSource, wanted.map((w) => w.eventKey));
    const missing = wanted.filter((w) => !delivered.has(w.eventKey)).sort((a, b) => (a.eventKey < b.eventKey ? -1 : 1));
    // Rendered once per case, and only for the cases that still owe someone their notice.
    const messages = new Map([...new Set(missing.map((w) => w.c))].map((c) => [c.id, this.message(c)]));
    let written = 0;
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      written += await this.outbox.transaction(async (manager, emit) => {
        let count = 0;
        for (const w of batch) if (await deliverMessage(manager, emit, { ...messages.get(w.c.id)!, userId: w.userId, eventKey: w.eventKey })) count += 1;
        return count;
      });
    }
    return written;
  }

  /** The notice of one case, the same for each of its citizens. */
  private message(c: DeadlineCase): Omit<DeliverMessage, 'userId' | 'eventKey'> {
    const data = {
      caseNumber: c.number,
      dueAt: c.dueAt.toISOString(),
      unitName: c.unit.name,
      unitPhone: c.unit.phone,
      unitEmail: c.unit.email,
      responsiblePerson: c.responsible ? personName(c.responsible) : null,
    };
    const rendered = renderMessage('case_overdue', { ...data, casePageUrl: `${this.publicUrl}${citizenCasePath(c.number)}` });
    return { kind: 'case_overdue', rendered, data };
  }
}
