import { TestService } from '../../support/test-service';

const service = new TestService();

beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('the OpenAPI document', () => {
  test('when it is fetched, then it describes the case management and audit operations with their schemas', async () => {
    const res = await service.api('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    expect(Object.keys(paths['/api/v1/office/cases/{number}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(paths['/api/v1/office/cases'].get).toBeDefined();
    expect(paths['/api/v1/admin/audit'].get).toBeDefined();
    expect(Object.keys(paths['/api/v1/office/cases/{number}'].patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(res.body.components.schemas).toHaveProperty('CaseDetail');
    expect(res.body.components.schemas).toHaveProperty('ChangeCaseRequest');
  });
});
