import express from 'express';
import { config } from '../config/config';

/** The ceiling for the gateway: a bare Express hello-world (`PORT`). */
const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(config().port, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
