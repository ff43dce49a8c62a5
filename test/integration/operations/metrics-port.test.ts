// The gateway's /metrics moves off the public port: set before any module reads the configuration.
process.env.METRICS_PORT = '9464';

import type * as OperationsServerModule from '../../../services/http/operations-server';
import type * as TestServiceModule from '../../support/test-service';

const { startOperationsServer } = require('../../../services/http/operations-server') as typeof OperationsServerModule;
const { TestService } = require('../../support/test-service') as typeof TestServiceModule;

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('/metrics off the public port (METRICS_PORT)', () => {
  test('when METRICS_PORT is set, then the public port has no /metrics but still /healthz, and the operations port has all three', async () => {
    expect(service.ctx.config.metricsPort).toBe(9464);
    expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);
    // The entry point listens on METRICS_PORT; here on a free port, with the same routes.
    const operations = await startOperationsServer(service.ctx, 0, 'gateway');
    try {
      const metrics = await fetch(`http://127.0.0.1:${operations.port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('# TYPE');
      expect((await fetch(`http://127.0.0.1:${operations.port}/readyz`)).status).toBe(200);
    } finally {
      await operations.stop();
    }
  });
});
