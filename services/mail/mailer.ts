import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentFailure } from '../shared/permanent-failure';
import type { Rendered } from '../shared/templates';

/** What nodemailer attaches to an SMTP failure. */
interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

/**
 * True when the mail server refused this message for good (a 5xx reply, RFC 5321 §4.2.1: no
 * such mailbox, message refused): sending it again cannot succeed. A failed login (EAUTH) is a
 * configuration problem an operator fixes, so it is retried like a 4xx reply or a lost connection.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as SmtpFailure;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode <= 599 && code !== 'EAUTH';
}

/** Sends rendered e-mails over SMTP (`SMTP_URL`). Only the mail worker calls this. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    /** The configured `MAIL_FROM`; the default is for tests that only read what was sent. */
    private readonly from = 'Urząd (test) <no-reply@urzad.example>',
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  /**
   * Sends one e-mail. A permanent refusal throws `PermanentFailure` (the job fails at once);
   * any other failure throws as it is, so that the job is retried with backoff.
   */
  async send(to: string, mail: Rendered): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      if (!isPermanentSmtpFailure(error)) throw error;
      throw new PermanentFailure(`the mail server refused the message for good (${(error as SmtpFailure).responseCode})`);
    }
  }

  close(): void {
    this.transport.close();
  }
}
