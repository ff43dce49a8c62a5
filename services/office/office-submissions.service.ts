import type { DataSource } from 'typeorm';
import type { SubmissionStatus } from '../../entities/submission.entity';
import { listOfficeSubmissionRecords } from '../submissions/submission.repository';

/** Incoming ESP submissions as the filing office sees them. */
export class OfficeSubmissionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Waiting submissions oldest first, others newest first. */
  async list(status?: SubmissionStatus) {
    const records = await listOfficeSubmissionRecords(this.dataSource, status);
    return { items: records.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })) };
  }
}
