import { TestService } from '../../support/test-service';

const service = new TestService();
let paths: Record<string, Record<string, { parameters?: Array<{ in: string }>; requestBody?: unknown; responses: Record<string, unknown> }>>;

beforeAll(async () => {
  await service.start({ workers: false });
  paths = (await service.api('GET', '/api/v1/openapi.json')).body.paths;
});
afterAll(() => service.stop());

const operations = () =>
  Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })));

describe('the OpenAPI document declares what inputs can cause', () => {
  test('when an operation takes a body (every method but GET), then it declares 400 and 413', () => {
    const withBody = operations().filter((o) => o.method !== 'get');
    expect(withBody.length).toBeGreaterThan(5);
    for (const { name, op } of withBody) {
      expect({ name, statuses: Object.keys(op.responses) }).toEqual({ name, statuses: expect.arrayContaining(['400', '413']) });
    }
  });

  test('when an operation takes no body of its own, then its request body is optional and an empty object', () => {
    const logout = paths['/api/v1/auth/logout'].post;
    expect(logout.requestBody).toMatchObject({ required: false });
    expect(JSON.stringify(logout.requestBody)).toContain('"additionalProperties":false');
  });

  test('when an operation has path or query parameters, then it declares 400', () => {
    const withParams = operations().filter((o) => (o.op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query'));
    expect(withParams.map((o) => o.name)).toEqual(expect.arrayContaining(['GET /api/v1/inbox/{id}', 'POST /api/v1/inbox/{id}/read', 'GET /api/v1/status-checks/{id}']));
    for (const { name, op } of withParams) {
      expect({ name, statuses: Object.keys(op.responses) }).toEqual({ name, statuses: expect.arrayContaining(['400']) });
    }
  });

  test('when GET operations take no input, then they declare no 400 or 413', () => {
    expect(Object.keys(paths['/api/v1/me'].get.responses)).not.toEqual(expect.arrayContaining(['400']));
    expect(Object.keys(paths['/api/v1/me'].get.responses)).not.toContain('413');
  });
});
