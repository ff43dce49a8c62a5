import { z } from 'zod';
import { authProblems, problems } from '../../http/problem.schema';
import type { ReceiptService } from '../../receipts/receipt.service';
import { publicJwk, signedReceipt, verifyBody, verifyResult } from '../../receipts/receipt.schemas';
import { submissionParams } from '../../submissions/submission.schemas';
import type { ApiRouter } from '../api-router';

const tags = ['Potwierdzenia odbioru'];
const citizen = ['citizen'] as const;

/** Signed receipts of submissions and replies, their public key, and checking them without logging in. */
export function receiptRoutes(api: ApiRouter, receipts: ReceiptService): void {
  api
    .route({
      method: 'get',
      path: '/submissions/:id/receipt',
      summary: 'Urzędowe potwierdzenie odbioru pisma, podpisane (JSON)',
      tags,
      roles: citizen,
      params: submissionParams,
      responses: { 200: { description: 'The receipt and its Ed25519 signature', schema: signedReceipt }, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params }) => ({ status: 200, body: await receipts.ownReceipt(principal.userId, params.id) }),
    })
    .route({
      method: 'get',
      path: '/submissions/:id/receipt.pdf',
      summary: 'Urzędowe potwierdzenie odbioru do wydruku (PDF, z podpisem)',
      tags,
      roles: citizen,
      params: submissionParams,
      responses: {
        200: { description: 'The same facts and signature, printable, with the signed JSON to check again', schema: z.string().meta({ format: 'binary' }), contentType: 'application/pdf' },
        ...authProblems,
        ...problems.notFound,
      },
      handler: async ({ principal, params }) => {
        const { filename, data } = await receipts.ownReceiptPdf(principal.userId, params.id);
        return { status: 200, file: { filename, contentType: 'application/pdf', data } };
      },
    })
    .route({
      method: 'get',
      path: '/receipts/public-key',
      summary: 'Klucz publiczny, którym sprawdza się potwierdzenia (JWK)',
      tags,
      responses: { 200: { description: 'The Ed25519 public key as a JSON Web Key (RFC 8037)', schema: publicJwk } },
      handler: async () => ({ status: 200, body: receipts.publicKey(), headers: { 'Cache-Control': 'public, max-age=3600' } }),
    })
    .route({
      method: 'post',
      path: '/receipts/verify',
      summary: 'Sprawdź potwierdzenie odbioru (bez logowania)',
      tags,
      body: verifyBody,
      responses: {
        200: { description: 'valid: true only when the signature is the office signature over exactly this receipt', schema: verifyResult },
        ...problems.badRequest,
        ...problems.tooMany,
      },
      handler: async ({ body, req }) => ({ status: 200, body: await receipts.verify(req.ip ?? 'unknown', body) }),
    });
}
