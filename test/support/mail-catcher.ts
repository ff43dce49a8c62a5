import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from './wait';

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server in the test process that keeps every e-mail it receives. */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  /** While true, every message is refused with a temporary error (451). */
  failing = false;
  /** Addresses refused for good at RCPT TO (550: no such mailbox). */
  readonly refusedRecipients = new Set<string>();
  private server!: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refusedRecipients.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      },
      onData: (stream, _session, callback) => {
        if (this.failing) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Temporary failure'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const to = [parsed.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []));
            this.mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: String(parsed.html || '') });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  /** Every e-mail sent to `address`, oldest first. */
  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  /** Waits (with a deadline) for the `count`-th e-mail to `address` matching `subject`. */
  async waitFor(address: string, match: RegExp = /./, count = 1, timeoutMs = 10_000): Promise<CaughtMail> {
    const found = () => this.to(address).filter((m) => match.test(m.subject));
    await waitUntil(() => found().length >= count, `e-mail ${match} #${count} to ${address}`, timeoutMs);
    return found()[count - 1];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The activation code from an activation e-mail's text. */
export function activationCodeIn(mail: CaughtMail): string {
  const match = /Kod aktywacyjny: (\S+)/.exec(mail.text);
  if (!match) throw new Error(`No activation code in: ${mail.text}`);
  return match[1];
}

/** The code on the line `<label>: <code>` of an e-mail's text (password reset, address change). */
export function codeIn(mail: CaughtMail, label: 'Kod resetowania hasła' | 'Kod potwierdzenia adresu'): string {
  const match = new RegExp(`${label}: (\\S+)`).exec(mail.text);
  if (!match) throw new Error(`No "${label}" in: ${mail.text}`);
  return match[1];
}
