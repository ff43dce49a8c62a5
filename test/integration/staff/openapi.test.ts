import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('the OpenAPI document: staff and two-step login', () => {
  test('when it is fetched, then it describes the staff, unit and two-step login operations with their schemas and codes', async () => {
    const res = await service.api('GET', '/api/v1/openapi.json');
    const { paths, components } = res.body;
    expect(paths['/api/v1/admin/staff'].get).toBeDefined();
    expect(Object.keys(paths['/api/v1/admin/staff/{id}'].patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(paths['/api/v1/admin/staff/{id}'].patch.responses['409'].description).toContain('last_admin');
    expect(paths['/api/v1/admin/staff/{id}/mfa'].delete).toBeDefined();
    expect(Object.keys(paths['/api/v1/admin/units/{symbol}'].patch.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(paths['/api/v1/me/mfa'].post.responses)).toEqual(expect.arrayContaining(['201', '409']));
    expect(Object.keys(paths['/api/v1/me/mfa/confirm'].post.responses)).toEqual(expect.arrayContaining(['204', '400']));
    expect(Object.keys(paths['/api/v1/auth/login/mfa'].post.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    expect(paths['/api/v1/auth/login'].post.responses['403'].description).toContain('account_disabled');
    expect(components.schemas).toEqual(expect.objectContaining({ StaffAccount: expect.any(Object), UpdateStaffRequest: expect.any(Object), UpdateUnitRequest: expect.any(Object), MfaRequiredResponse: expect.any(Object), MfaSetup: expect.any(Object) }));
    expect(res.body.info.description).toContain('mfa_setup_required');
  });
});
