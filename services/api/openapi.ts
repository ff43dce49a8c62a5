import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';

/** The OpenAPI 3.1 document, built from the routes' own zod schemas. */
export function buildOpenApiDocument(paths: ZodOpenApiPathsObject, serverUrl: string): object {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Stan załatwianych spraw — API',
      version: '1.0.0',
      description:
        'Case status service of a municipal office. Errors are application/problem+json with a stable `code`. ' +
        'Staff with two-step login get `{ mfaRequired, mfaToken }` from POST /auth/login and finish with POST /auth/login/mfa; ' +
        'with STAFF_MFA_REQUIRED=true a staff member without it can only set it up (every other call: 403 `mfa_setup_required`).',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  });
}
