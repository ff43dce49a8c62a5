import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { config } from '../../config/config';
import { createContext, type AppContext } from '../../services/context';
import { closeServer, listen } from '../../services/gateway/gateway.server';
import { Mailer } from '../../services/mail/mailer';
import { startWorkers, type RunningWorkers } from '../../workers/worker.runner';
import { activationCodeIn, MailCatcher } from './mail-catcher';
import { deletePrefixKeys } from './redis-keys';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A client of a running service at `baseUrl` whose e-mail reaches `mail`: the API, and citizens
 * registered as a person would. TestService runs the service in the test process; a drill with
 * real processes points a client at them.
 */
export class ServiceClient {
  mail!: MailCatcher;
  baseUrl = '';

  constructor(baseUrl = '', mail?: MailCatcher) {
    this.baseUrl = baseUrl;
    if (mail) this.mail = mail;
  }

  /** Calls the API (JSON in, JSON out). */
  async api<T = any>(method: string, path: string, options: { body?: unknown; token?: string; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Registers, activates (with the code from the e-mail) and logs in a new citizen. */
  async citizen(overrides: Partial<CitizenData> = {}): Promise<Citizen> {
    const data = newCitizenData(overrides);
    const reg = await this.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
    if (reg.status !== 202) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
    const mail = await this.mail.waitFor(data.email, /Kod aktywacyjny/);
    const act = await this.api('POST', '/api/v1/auth/activate', { body: { login: data.login, code: activationCodeIn(mail) } });
    if (act.status !== 200) throw new Error(`activate: ${act.status} ${JSON.stringify(act.body)}`);
    const token = await this.login(data.login, data.password);
    const me = await this.api('GET', '/api/v1/me', { token });
    return { ...data, token, id: me.body.id };
  }

  async login(login: string, password: string): Promise<string> {
    const res = await this.api('POST', '/api/v1/auth/login', { body: { login, password } });
    if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }
}

/** The whole service in the test process: real PostgreSQL, Redis, SMTP, HTTP on port 0. */
export class TestService extends ServiceClient {
  ctx!: AppContext;
  workers: RunningWorkers | null = null;
  private server!: Server;

  /** Starts the gateway and (unless `workers: false`) every worker. */
  async start(options: { workers?: boolean } = {}): Promise<this> {
    this.mail = await new MailCatcher().start();
    this.ctx = await createContext(config());
    if (options.workers !== false) await this.startWorkers();
    const { server, port } = await listen(this.ctx, 0);
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async startWorkers(): Promise<void> {
    this.workers = await startWorkers(this.ctx, { mailer: new Mailer(this.mail.url, config().mailFrom), concurrency: 10 });
  }

  async stopWorkers(): Promise<void> {
    await this.workers?.close();
    this.workers = null;
  }

  /** Stops everything and deletes this test file's Redis keys. */
  async stop(): Promise<void> {
    // Also after a start that failed half way: whatever is open must close, or Jest never exits.
    await this.stopWorkers();
    if (this.server) await closeServer(this.server);
    if (this.ctx) {
      await deletePrefixKeys(this.ctx.redis, this.ctx.producer.prefix);
      await this.ctx.close();
    }
    await this.mail?.stop();
  }
}

export interface CitizenData {
  login: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export interface Citizen extends CitizenData {
  token: string;
  id: string;
}

/** Fresh, unique registration data. */
export function newCitizenData(overrides: Partial<CitizenData> = {}): CitizenData {
  const tag = randomBytes(5).toString('hex');
  return {
    login: `jan.${tag}`,
    email: `jan.${tag}@example.pl`,
    password: `Zielona-Herbata-${tag}`,
    firstName: 'Jan',
    lastName: 'Kowalski',
    ...overrides,
  };
}

/**
 * The usual set-up of a citizen's test file: starts `service` (with `options`) and registers,
 * activates and logs in a citizen before the file's tests, stops the service after them. The
 * returned citizen is filled in by the time the tests run.
 */
export function serviceWithCitizen(service: TestService, options: { workers?: boolean } = {}): Citizen {
  const citizen = {} as Citizen;
  beforeAll(async () => {
    await service.start(options);
    Object.assign(citizen, await service.citizen());
  });
  afterAll(() => service.stop());
  return citizen;
}
