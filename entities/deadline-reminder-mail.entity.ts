import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An official's deadline reminder e-mail of one office day: recorded once, whatever the number of scans. */
@Entity({ name: 'deadline_reminder_mails' })
export class DeadlineReminderMail {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The office's calendar day (`YYYY-MM-DD`, Europe/Warsaw) of the scan. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** The scan's "now": the e-mail lists the cases as they stood then. */
  @Column({ name: 'scanned_at', type: 'timestamptz' })
  scannedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
