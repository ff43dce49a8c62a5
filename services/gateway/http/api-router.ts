import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { Role } from '../../../entities/user.entity';
import type { Principal } from '../../auth/token.service';
import { AppError } from '../../shared/app-error';
import type { Authenticator } from './authenticate';
import { parseOrThrow } from './validation';

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

/** What a handler returns: the status and JSON body (undefined for 204). */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
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
  /** Request body limit (default 1 MiB). */
  bodyLimit?: string;
  responses: Record<number, { description: string; schema?: AnySchema }>;
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
    const needsBody = spec.body !== undefined && spec.method !== 'get';
    const handlers = [
      ...(spec.roles ? [this.authenticator.require(spec.roles)] : []),
      ...(needsBody ? [parseJson] : []),
      async (req: Request, res: Response, next: NextFunction) => {
        try {
          const input = {
            body: spec.body ? parseOrThrow(spec.body, req.body ?? {}) : undefined,
            query: spec.query ? parseOrThrow(spec.query, req.query) : undefined,
            params: spec.params ? parseOrThrow(spec.params, req.params) : undefined,
            principal: res.locals.principal as Principal | undefined,
            req,
            res,
          };
          const result = await spec.handler(input as never);
          if (result.headers) res.set(result.headers);
          if (result.body === undefined) res.status(result.status).end();
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

  /** The OpenAPI paths of every route declared here, under `prefix`. */
  openApiPaths(prefix: string): ZodOpenApiPathsObject {
    return Object.fromEntries(Object.entries(this.paths).map(([p, item]) => [prefix + p, item]));
  }

  private describe(spec: RouteSpec<AnySchema | undefined, AnySchema | undefined, AnySchema | undefined, readonly Role[] | undefined>): void {
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
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? { content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: r.schema } } }
              : {}),
          },
        ]),
      ),
    };
    this.paths[openApiPath] = { ...(this.paths[openApiPath] ?? {}), [spec.method]: operation };
  }
}

/** Fails a request whose caller is not allowed, as 403 `forbidden`. */
export function assertRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) throw AppError.forbidden();
}
