import nodemailer, { type Transporter } from 'nodemailer';
import type { Rendered } from '../shared/templates';

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

  /** Sends one e-mail; throws on an SMTP failure so that the job is retried with backoff. */
  async send(to: string, mail: Rendered): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  close(): void {
    this.transport.close();
  }
}
