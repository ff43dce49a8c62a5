import { z } from 'zod';

export const receiptSchema = z
  .object({
    receiptNumber: z.string().meta({ example: 'ESP/2026/000001' }),
    submittedAt: z.iso.datetime(),
    sender: z.object({ firstName: z.string(), lastName: z.string() }).meta({ description: 'The sender as their account names them' }),
    title: z.string(),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the UTF-8 content' }),
    attachments: z.array(z.object({ filename: z.string(), sha256: z.string().meta({ description: 'Hex SHA-256 of the file' }) })),
  })
  .meta({ id: 'Receipt' });

export const signedReceipt = z
  .object({
    receipt: receiptSchema,
    signature: z.string().meta({
      description:
        'Ed25519 signature (base64url, no padding) over the canonical JSON of `receipt`: object keys sorted at every depth, no whitespace, strings escaped as JSON.stringify does, UTF-8. Check it with the key of GET /receipts/public-key.',
    }),
  })
  .meta({ id: 'SignedReceipt' });

/** What a receipt check takes: any JSON object as the receipt (an altered one simply fails) and its signature. */
export const verifyBody = z
  .strictObject({
    receipt: z.record(z.string(), z.unknown()).meta({ description: 'The receipt exactly as it was given out' }),
    signature: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'Podpis zapisuje się znakami base64url (litery, cyfry, - i _).'),
  })
  .meta({ id: 'VerifyReceiptRequest' });

export const verifyResult = z.object({ valid: z.boolean() }).meta({ id: 'VerifyReceiptResult' });

export const publicJwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().meta({ description: 'The public key, base64url' }),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
  })
  .meta({ id: 'ReceiptPublicKey' });

export type Receipt = z.output<typeof receiptSchema>;
export type SignedReceipt = z.output<typeof signedReceipt>;
export type VerifyInput = z.output<typeof verifyBody>;
