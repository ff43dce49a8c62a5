import type { DataSource } from 'typeorm';
import { PAGES } from '../shared/page-paths';
import { consumeOrThrow, type RateLimits } from '../shared/rate-limits';
import { sentBy } from '../submissions/submission-access';
import { findSubmissionDetail, type SubmissionDetailRecord } from '../submissions/submission.repository';
import { renderReceiptPdf } from './receipt-pdf';
import type { ReceiptSigner } from './receipt-signer';
import type { Receipt, SignedReceipt, VerifyInput } from './receipt.schemas';

/** The public key's address, relative to the service (the API is under /api/v1). */
export const PUBLIC_KEY_PATH = '/api/v1/receipts/public-key';

/**
 * Signed receipts of submissions and replies: what was received, when, from whom, with the
 * SHA-256 of the text and of each file, signed with the installation's Ed25519 key. Anyone can
 * check one, here (rate-limited per client address) or with the public key alone.
 */
export class ReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: ReceiptSigner,
    private readonly rateLimits: RateLimits,
    private readonly publicUrl: string,
  ) {}

  /** The sender's signed receipt of their submission or reply. */
  async ownReceipt(userId: string, id: string): Promise<SignedReceipt> {
    const receipt = receiptOf(sentBy(await findSubmissionDetail(this.dataSource, id), userId));
    return { receipt, signature: this.signer.sign(receipt) };
  }

  /** The same receipt as a printable PDF, with its file name. */
  async ownReceiptPdf(userId: string, id: string): Promise<{ filename: string; data: Buffer }> {
    const signed = await this.ownReceipt(userId, id);
    const data = await renderReceiptPdf(signed, { checkPage: this.publicUrl + PAGES.receiptCheck, publicKey: this.publicUrl + PUBLIC_KEY_PATH, keyId: this.signer.jwk.kid });
    return { filename: `potwierdzenie-${signed.receipt.receiptNumber.replace(/\//g, '-')}.pdf`, data };
  }

  /** Whether `signature` is this office's signature of exactly this receipt; counted per client address. */
  async verify(clientAddress: string, input: VerifyInput): Promise<{ valid: boolean }> {
    await consumeOrThrow(this.rateLimits.receiptChecks, clientAddress);
    return { valid: this.signer.verify(input.receipt, input.signature) };
  }

  /** The public key receipts are checked with (JWK, OKP/Ed25519). */
  publicKey() {
    return this.signer.jwk;
  }
}

/** The receipt's facts, in the order the contract lists them (the signature does not depend on it). */
function receiptOf(r: SubmissionDetailRecord): Receipt {
  return {
    receiptNumber: r.receiptNumber,
    submittedAt: r.submittedAt.toISOString(),
    sender: { firstName: r.sender.firstName, lastName: r.sender.lastName },
    title: r.title,
    sha256: r.sha256,
    attachments: r.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
  };
}
