import { MESSAGE_KINDS, type MessageKind } from '../../entities/message.entity';
import { assertTemplates, renderTriple, type Rendered } from '../shared/templates';

/** Every inbox message kind with the typed context its template needs (`templates/messages`). */
export interface MessageContexts {
  submission_received: { title: string; receiptNumber: string; submittedAt: string; sha256: string };
  case_opened: {
    caseNumber: string;
    title: string;
    startedAt: string;
    dueAt: string | null;
    unitName: string;
    responsiblePerson: string | null;
    accessKey: string | null;
    statusCheckUrl: string;
  };
  /** An official changed the status of a case linked to the citizen. */
  case_status_changed: { caseNumber: string; status: string; statusLabel: string; note: string | null; changedAt: string; statusCheckUrl: string };
  /** An official set a new deadline (KPA art. 36). */
  case_deadline_changed: { caseNumber: string; dueAt: string; reason: string; statusCheckUrl: string };
  /** The case's deadline passed without an answer (KPA art. 36 §1): whom to ask, and where to file a ponaglenie. */
  case_overdue: {
    caseNumber: string;
    dueAt: string;
    unitName: string;
    unitPhone: string | null;
    unitEmail: string | null;
    responsiblePerson: string | null;
    casePageUrl: string;
  };
  /** The office passed the citizen's ponaglenie on (KPA art. 37 §4). */
  case_reminder_forwarded: { caseNumber: string; reminderId: string; forwardedAt: string; forwardedTo: string; casePageUrl: string };
  /** An official called on the parties to complete their application (KPA art. 64 §2). */
  case_call_for_completion: { caseNumber: string; callId: string; what: string; dueDate: string; casePageUrl: string };
  /** The office sent a letter in the case; the page where it is read records its opening. */
  case_letter: {
    caseNumber: string;
    letterId: string;
    title: string;
    attachments: Array<{ id: string; filename: string; contentType: string; sizeBytes: number }>;
    letterUrl: string;
  };
  /** The answer to "Sprawdź stan sprawy": the facts when the case is linked to the citizen. */
  case_status:
    | { found: false; caseNumber: string; accessKeyUrl: string }
    | {
        found: true;
        caseNumber: string;
        startedAt: string;
        endedAt: string | null;
        unitName: string;
        unitPhone: string | null;
        unitEmail: string | null;
        responsiblePerson: string | null;
        status: string;
        statusLabel: string;
        dueAt: string | null;
        overdue: boolean;
        history: Array<{ status: string; statusLabel: string; note: string | null; changedAt: string }>;
        accessKeyUrl: string;
      };
}

export type TemplatedKind = keyof MessageContexts & MessageKind;

/** Every message kind has a template (a kind without a context above fails to compile), checked at worker start. */
export const MESSAGE_TEMPLATE_KINDS: readonly TemplatedKind[] = MESSAGE_KINDS;

/** Renders one inbox message from `templates/messages/<kind>.{subject,text,html}.hbs` (the kind as the API spells it). */
export function renderMessage<K extends TemplatedKind>(kind: K, context: MessageContexts[K]): Rendered {
  return renderTriple('messages', kind, context);
}

/** Fails at start when a message template is missing or broken. */
export function assertMessageTemplates(kinds: readonly TemplatedKind[]): void {
  assertTemplates('messages', kinds);
}
