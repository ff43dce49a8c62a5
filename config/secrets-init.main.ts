import { initSecrets, SECRET_NAMES } from './secrets-init';

/**
 * `node dist/config/secrets-init.main.js <dir>`: the one-shot `secrets` service of
 * docker-compose.yml. Writes JWT_SECRET, ACCESS_KEY_PEPPER and RECEIPT_SIGNING_KEY into <dir> (a named volume): the
 * operator's values if the environment has them (Compose's .env), else random ones generated
 * once and kept. Prints what it did, never the values; exit 1 with a line per problem.
 */
const dir = process.argv[2];
if (!dir) {
  process.stderr.write('Usage: node dist/config/secrets-init.main.js <directory>\n');
  process.exit(1);
}
try {
  const outcome = initSecrets(dir, Object.fromEntries(SECRET_NAMES.map((name) => [name, process.env[name]])));
  for (const name of SECRET_NAMES) process.stdout.write(`${name}: ${outcome[name]} (${dir}/${name})\n`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'EACCES' ? ` (the directory must be writable by the image's user, uid ${process.getuid?.()})` : '';
  for (const line of (error as Error).message.split('\n')) process.stderr.write(`Secrets error: ${line}${hint}\n`);
  process.exit(1);
}
