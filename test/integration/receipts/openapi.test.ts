import { TestService } from '../../support/test-service';

const service = new TestService();

beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('the OpenAPI document: letters and receipts', () => {
  test('when it is fetched, then it describes reading letters, downloads, receipts, the public key and the check with their schemas', async () => {
    const { body } = await service.api('GET', '/api/v1/openapi.json');
    const paths = body.paths;
    expect(paths['/api/v1/submissions/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SubmissionDetail' });
    expect(paths['/api/v1/office/submissions/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OfficeSubmissionDetail' });
    expect(Object.keys(paths['/api/v1/submissions/{id}/attachments/{attachmentId}'].get.responses['200'].content)).toEqual(['application/octet-stream']);
    expect(Object.keys(paths['/api/v1/submissions/{id}/receipt.pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
    expect(paths['/api/v1/submissions/{id}/receipt'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignedReceipt' });
    expect(paths['/api/v1/receipts/public-key'].get.security).toBeUndefined();
    expect(paths['/api/v1/receipts/verify'].post.security).toBeUndefined();
    expect(Object.keys(paths['/api/v1/receipts/verify'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '429']));
    expect(Object.keys(paths['/api/v1/submissions'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '429']));
    expect(paths['/api/v1/submissions'].post.responses['413'].description).toContain('storage_quota_exceeded');

    const schemas = body.components.schemas;
    expect(schemas.Receipt.properties.sender.properties).toEqual({ firstName: { type: 'string' }, lastName: { type: 'string' } });
    expect(schemas.SignedReceipt.properties.signature.description).toMatch(/canonical JSON/);
    expect(schemas.ReceiptPublicKey.properties.kty).toEqual(expect.objectContaining({ const: 'OKP' }));
    expect(schemas.OfficeSubmissionDetail.properties.sender.required).toEqual(['firstName', 'lastName', 'email']);
  });
});
