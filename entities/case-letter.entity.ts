import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A letter the office sent the parties of a case (a decision, a notice), into their contact inboxes. */
@Entity({ name: 'case_letters' })
export class CaseLetter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  /** Hex SHA-256 of the UTF-8 content, as for submissions. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'sent_by', type: 'uuid' })
  sentBy!: string;

  /** When a linked citizen first opened it (shown to the office), and who. */
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'opened_by', type: 'uuid', nullable: true })
  openedBy!: string | null;
}
