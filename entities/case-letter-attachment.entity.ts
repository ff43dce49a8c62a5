import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file sent with an office letter, stored with it. */
@Entity({ name: 'case_letter_attachments' })
export class CaseLetterAttachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'letter_id', type: 'uuid' })
  letterId!: string;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  data!: Buffer;
}
