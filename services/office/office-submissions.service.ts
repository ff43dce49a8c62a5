import type { DataSource } from 'typeorm';
import type { SubmissionStatus } from '../../entities/submission.entity';

/** Incoming ESP submissions as the filing office sees them: waiting ones oldest first, others newest first. */
export async function listOfficeSubmissions(dataSource: DataSource, status?: SubmissionStatus) {
  const rows: Array<{
    id: string;
    title: string;
    receipt_number: string;
    submitted_at: Date;
    status: SubmissionStatus;
    request_access_key: boolean;
    first_name: string;
    last_name: string;
    case_number: string | null;
    attachments: Array<{ filename: string; contentType: string; sizeBytes: number }>;
  }> = await dataSource.query(
    `SELECT s.id, s.title, s.receipt_number, s.submitted_at, s.status, s.request_access_key,
            u.first_name, u.last_name, c.number AS case_number,
            COALESCE((SELECT json_agg(json_build_object('filename', a.filename, 'contentType', a.content_type, 'sizeBytes', a.size_bytes))
                        FROM submission_attachments a WHERE a.submission_id = s.id), '[]') AS attachments
       FROM submissions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN cases c ON c.submission_id = s.id
      WHERE ($1::text IS NULL OR s.status = $1)
      -- Documents waiting for registration: the oldest first (a work queue). Any other list: the
      -- newest 500, so that new documents never fall off the end of a long history.
      ORDER BY CASE WHEN $1::text = 'received' THEN s.submitted_at END ASC,
               s.submitted_at DESC, s.receipt_number DESC
      LIMIT 500`,
    [status ?? null],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      receiptNumber: r.receipt_number,
      submittedAt: r.submitted_at.toISOString(),
      status: r.status,
      requestAccessKey: r.request_access_key,
      sender: { firstName: r.first_name, lastName: r.last_name },
      attachments: r.attachments,
      caseNumber: r.case_number,
    })),
  };
}
