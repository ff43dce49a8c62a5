import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { Role } from '../../entities/user.entity';
import type { Principal } from '../auth/token.service';
import { AppError } from '../shared/app-error';
import type { Authenticator } from '../http/authenticate';
import { authProblems, problems } from '../http/problem.schema';
import { sendStoredFile, type StoredFile } from '../http/stored-file';
import { nulCharacterErrors, parseOrThrow, withoutEmptyValues } from '../http/validation';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type AnySchema = z.ZodType;

/** What a handler sees: the validated inputs and, for authenticated routes, the caller. */
export interface HandlerInput<B, Q, P, A extends boolean> {
  body: B;
  query: Q;
  params: P;
  principal: A extends true ? Principal : Principal | undefined;
  req: Request;
  res: Response;
}

/** What a handler returns: the status and JSON body (undefined for 204), or a stored file to download. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as a download the one safe way (sendStoredFile) instead of a JSON body. */
  file?: StoredFile;
}

export interface RouteSpec<B extends AnySchema | undefined, Q extends AnySchema | undefined, P extends AnySchema | undefined, R extends readonly Role[] | undefined> {
  method: Method;
  /** Express style, relative to /api/v1: `/inbox/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** Roles allowed; `undefined` makes the route public. */
  roles?: R;
  body?: B;
  query?: Q;
  params?: P;
  /** Open to a staff member who must still set up two-step login (`STAFF_MFA_REQUIRED`). */
  duringMfaSetup?: boolean;
  /** Request body limit (default 1 MiB). */
  bodyLimit?: string;
  /** `contentType`: a success that is not JSON (a file: its schema is a binary string). */
  responses: Record<number, { description: string; schema?: AnySchema; contentType?: string }>;
  handler: (
    input: HandlerInput<
      B extends AnySchema ? z.output<B> : undefined,
      Q extends AnySchema ? z.output<Q> : undefined,
      P extends AnySchema ? z.output<P> : undefined,
      R extends readonly Role[] ? true : false
    >,
  ) => Promise<HandlerResult>;
}

const DEFAULT_LIMIT = '1mb';

/**
 * The body of a call that takes none: nothing, or `{}`. Anything else is refused like an
 * unknown field elsewhere, so that a client sending data it thinks matters learns it does not.
 */
const NO_BODY = z.strictObject({});

/**
 * Declares API routes once: the same declaration registers the Express handler (with body
 * parsing, validation and authorisation) and describes the operation in the OpenAPI document,
 * so the document cannot drift from the code.
 */
export class ApiRouter {
  readonly router = express.Router();
  private readonly paths: ZodOpenApiPathsObject = {};

  constructor(private readonly authenticator: Authenticator) {}

  route<B extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined, R extends readonly Role[] | undefined = undefined>(
    spec: RouteSpec<B, Q, P, R>,
  ): this {
    const parseJson = express.json({ limit: spec.bodyLimit ?? DEFAULT_LIMIT, type: () => true, strict: true });
    const bodySchema = takesBody(spec) ? (spec.body ?? NO_BODY) : undefined;
    const handlers = [
      ...(spec.roles ? [this.authenticator.require(spec.roles, { duringMfaSetup: spec.duringMfaSetup })] : []),
      ...(bodySchema ? [parseJson] : []),
      async (req: Request, res: Response, next: NextFunction) => {
        try {
          const body: unknown = req.body ?? {};
          const query = withoutEmptyValues(req.query);
          const nulErrors = [
            ...(bodySchema ? nulCharacterErrors(body) : []),
            ...(spec.query ? nulCharacterErrors(query) : []),
            ...nulCharacterErrors(req.params),
          ];
          if (nulErrors.length) throw AppError.validation(nulErrors);
          const parsedBody: unknown = bodySchema ? parseOrThrow(bodySchema, body) : undefined;
          const input = {
            body: spec.body ? parsedBody : undefined,
            query: spec.query ? parseOrThrow(spec.query, query) : undefined,
            params: spec.params ? parseOrThrow(spec.params, req.params) : undefined,
            principal: res.locals.principal,
            req,
            res,
          };
          const result = await spec.handler(input as never);
          if (result.headers) res.set(result.headers);
          if (result.file) sendStoredFile(res, result.file);
          else if (result.body === undefined) res.status(result.status).end();
          else res.status(result.status).json(result.body);
        } catch (error) {
          next(error);
        }
      },
    ];
    this.router[spec.method](spec.path, ...handlers);
    this.describe(spec);
    return this;
  }

  /**
   * Declares a GET route that keeps its response open as a Server-Sent Events stream. Callers
   * log in with a bearer token or, for the pages' EventSource, the session cookie.
   */
  stream(spec: {
    path: string;
    summary: string;
    tags: string[];
    roles: readonly Role[];
    description: string;
    handler: (input: { principal: Principal; req: Request; res: Response }) => Promise<void>;
  }): this {
    this.router.get(spec.path, this.authenticator.require(spec.roles, { sessionCookie: true }), async (req: Request, res: Response, next: NextFunction) => {
      try {
        await spec.handler({ principal: res.locals.principal as Principal, req, res });
      } catch (error) {
        if (res.headersSent) res.destroy();
        else next(error);
      }
    });
    this.describe({ ...spec, method: 'get', responses: { 200: { description: 'The stream (text/event-stream)' }, ...authProblems }, handler: async () => ({ status: 200 }) });
    const operation = this.paths[spec.path]?.get;
    if (operation) {
      operation.description = `${spec.description} ${operation.description ?? ''}`.trim();
      const ok = operation.responses?.['200'];
      if (ok && !('$ref' in ok)) ok.content = { 'text/event-stream': { schema: z.string() } };
    }
    return this;
  }

  /** The OpenAPI paths of every route declared here, under `prefix`. */
  openApiPaths(prefix: string): ZodOpenApiPathsObject {
    return Object.fromEntries(Object.entries(this.paths).map(([p, item]) => [prefix + p, item]));
  }

  private describe(spec: AnyRouteSpec): void {
    const openApiPath = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation: ZodOpenApiOperationObject = {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.roles ? { security: [{ bearer: [] }], description: `Roles: ${spec.roles.join(', ')}.` } : {}),
      requestParams: {
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { path: spec.params as never } : {}),
      },
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(!spec.body && takesBody(spec) ? { requestBody: { required: false, description: 'None, or an empty object', content: { 'application/json': { schema: NO_BODY } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(withInputProblems(spec)).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? { content: { [r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: { schema: r.schema } } }
              : {}),
          },
        ]),
      ),
    };
    this.paths[openApiPath] = { ...(this.paths[openApiPath] ?? {}), [spec.method]: operation };
  }
}

/** True when the route reads a request body (every method but GET): with or without a schema of its own. */
function takesBody(spec: { method: Method }): boolean {
  return spec.method !== 'get';
}

type AnyRouteSpec = RouteSpec<AnySchema | undefined, AnySchema | undefined, AnySchema | undefined, readonly Role[] | undefined>;

/**
 * The route's responses plus those its inputs can cause whatever the route says: 400 when a
 * body, query or path parameter is validated (a path also fails on a malformed %-escape), 413
 * when a body is read. A route's own entry for a status (e.g. 400 `invalid_key`) is kept.
 */
function withInputProblems(spec: AnyRouteSpec): AnyRouteSpec['responses'] {
  const responses: AnyRouteSpec['responses'] = {};
  if (takesBody(spec) || spec.query !== undefined || spec.params !== undefined) Object.assign(responses, problems.badRequest);
  if (takesBody(spec)) Object.assign(responses, problems.tooLarge);
  return Object.assign(responses, spec.responses);
}

/** Fails a request whose caller is not allowed, as 403 `forbidden`. */
export function assertRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) throw AppError.forbidden();
}
