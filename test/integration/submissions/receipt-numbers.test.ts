import { officeYear } from '../../../services/cases/case-number';
import { serviceWithCitizen, TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

// This file sends some 30 letters from one account in a minute: numbering, not the hourly
// allowance (RATE_LIMIT_SUBMISSIONS, tested in limits.test.ts), is what it is about. The
// configuration is read when the service starts, after this line.
process.env.RATE_LIMIT_SUBMISSIONS = '1000';

const service = new TestService();
const citizen = serviceWithCitizen(service);

const submit = (title: string) => service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title, content: 'Treść' } });
const seqOf = (receipt: string) => Number(receipt.split('/')[2]);

describe('ESP receipt numbers', () => {
  test('when several documents are sent one after another, then their receipt numbers ESP/<year>/NNNNNN increase', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await submit(`Pismo ${i}`);
      expect(res.status).toBe(201);
      numbers.push(res.body.receiptNumber);
    }
    const year = officeYear(new Date());
    for (const n of numbers) expect(n).toMatch(new RegExp(`^ESP/${year}/\\d{6}$`));
    const seqs = numbers.map(seqOf);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
  });

  test('when many documents are sent at once, then the year\'s receipt numbers run 000001…N with no gap and no repeat', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(`Naraz ${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.receiptNumber)).size).toBe(20);
    // Other test files submit into the same database at the same time, so the whole year is
    // checked; a transaction of theirs still in flight may hold the newest number briefly.
    const year = officeYear(new Date());
    let seqs: number[] = [];
    await waitUntil(async () => {
      const rows: Array<{ receipt_number: string }> = await service.ctx.dataSource.query(
        `SELECT receipt_number FROM submissions WHERE receipt_number LIKE $1 ORDER BY receipt_number`,
        [`ESP/${year}/%`],
      );
      seqs = rows.map((r) => seqOf(r.receipt_number));
      return seqs.every((s, i) => s === i + 1);
    }, 'a gap-free run of receipt numbers', 5000).catch(() => undefined);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  test('when a submission is refused (attachments too large), then it takes no receipt number', async () => {
    const before = seqOf((await submit('Przed')).body.receiptNumber);
    const refused = await service.api('POST', '/api/v1/submissions', {
      token: citizen.token,
      body: { title: 'Za duże', content: 'x', attachments: [{ filename: 'a.bin', contentType: 'application/octet-stream', dataBase64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') }] },
    });
    expect(refused.status).toBe(413);
    const after = seqOf((await submit('Po')).body.receiptNumber);
    const [{ taken }] = await service.ctx.dataSource.query(
      `SELECT count(*)::int AS taken FROM submissions WHERE receipt_number > $1 AND receipt_number < $2 AND receipt_number LIKE $3`,
      [`ESP/${officeYear(new Date())}/${String(before).padStart(6, '0')}`, `ESP/${officeYear(new Date())}/${String(after).padStart(6, '0')}`, `ESP/${officeYear(new Date())}/%`],
    );
    // Every number between ours went to someone (another test file), none was lost.
    expect(after - before - 1).toBe(taken);
  });
});
