/**
 * A failure no retry can cure (a template that cannot render this data, a mailbox that does not
 * exist): the worker stops the job at once instead of retrying it with backoff. Domain code
 * throws this; the worker runner turns it into BullMQ's UnrecoverableError.
 */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}
