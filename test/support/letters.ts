import type { Citizen, TestService } from './test-service';

/** A file as the API takes it. */
export function attachment(filename: string, data: Buffer, contentType = 'application/pdf') {
  return { filename, contentType, dataBase64: data.toString('base64') };
}

/** POST /submissions with files as the citizen; returns the 201 body. Throws unless 201. */
export async function submitWithFiles(service: TestService, citizen: Citizen, title: string, content: string, attachments: Array<ReturnType<typeof attachment>> = []) {
  const res = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title, content, attachments } });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; receiptNumber: string; submittedAt: string; sha256: string };
}

/**
 * A citizen's reply in a case, stored as the reply code stores one (a `submissions` row of kind
 * `reply` naming its case); returns its id. Made in the database: replies are built elsewhere.
 */
export async function insertReply(service: TestService, citizen: Citizen, caseNumber: string, file?: { filename: string; data: Buffer }): Promise<string> {
  const [row] = await service.ctx.dataSource.query(
    `INSERT INTO submissions (user_id, title, content, sha256, receipt_number, kind, case_id)
     SELECT $1, 'Odpowiedź na wezwanie', 'Uzupełniam wniosek.', repeat('a', 64), 'ESP/REPLY/' || substr(md5(random()::text), 1, 10), 'reply', id
       FROM cases WHERE number = $2 RETURNING id`,
    [citizen.id, caseNumber],
  );
  if (file) {
    await service.ctx.dataSource.query(
      `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, $2, 'application/pdf', $3, repeat('b', 64), $4)`,
      [row.id, file.filename, file.data.length, file.data],
    );
  }
  return row.id;
}

/** GET as raw bytes with a bearer token (a download). */
export async function download(service: TestService, path: string, token?: string) {
  const res = await fetch(service.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
