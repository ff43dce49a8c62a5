import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { config } from '../../config/config';
import { createDataSource } from '../../entities/data-source';
import { createStaffAccount } from '../accounts/staff-accounts';
import { createContext } from '../context';
import { AppError } from '../shared/app-error';
import { describeDemo, seedDemo } from './demo-seed';

const USAGE = `Usage:
  npm run cli -- admin:create --login LOGIN (--password-stdin | --password-file FILE | --password PASSWORD)
                               [--first-name NAME] [--last-name NAME]
      Creates an active admin account. Exit 1 with a message when the login exists.
      Prefer --password-stdin (the first line of standard input) or --password-file (its first
      line): a password given as --password is visible to every user of the machine in the
      process list (ps) and may stay in the shell's history.
  npm run cli -- demo:seed [--public-demo]
      Creates demo units, staff, a citizen and two cases, and prints every login with its
      password and the paper case's access key. Safe to run again: existing data is reused.
      The demo passwords are public (they are in the source code), so with NODE_ENV=production
      it runs only with --public-demo: for a demonstration machine, never a live office.
`;

/** `npm run cli -- <command>`: operator commands. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'admin:create':
      return adminCreate(rest);
    case 'demo:seed':
      return demoSeed(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command ? 0 : 1;
    default:
      process.stderr.write(`Unknown command: ${command}\n${USAGE}`);
      return 1;
  }
}

async function adminCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      login: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      'password-file': { type: 'string' },
      'first-name': { type: 'string', default: 'Administrator' },
      'last-name': { type: 'string', default: 'Systemu' },
    },
  });
  const sources = [values.password !== undefined, values['password-stdin'], values['password-file'] !== undefined].filter(Boolean).length;
  if (!values.login || sources !== 1) {
    process.stderr.write(`admin:create needs --login and one of --password-stdin, --password-file or --password\n${USAGE}`);
    return 1;
  }
  let password: string;
  try {
    password = values.password ?? firstLine(values['password-file'] ? readFileSync(values['password-file'], 'utf8') : readFileSync(0, 'utf8'));
  } catch (error) {
    process.stderr.write(`Cannot read the password: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  const { databaseUrl } = config();
  const ds = await createDataSource(databaseUrl, 2).initialize();
  try {
    const admin = await createStaffAccount(ds.manager, {
      login: values.login,
      password,
      firstName: values['first-name'],
      lastName: values['last-name'],
      role: 'admin',
    });
    process.stdout.write(`Created admin account "${admin.login}" (${admin.id}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const reasons = error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
      process.stderr.write(`Cannot create the admin: ${reasons ?? error.detail}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ds.destroy();
  }
}

/** The first line of a file or of standard input, without its line ending (what `echo` or an editor leaves). */
function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0];
}

async function demoSeed(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'public-demo': { type: 'boolean', default: false } } });
  if (config().production && !values['public-demo']) {
    process.stderr.write(
      'demo:seed creates an admin and staff whose passwords are public (in the source code). ' +
        'This is a production configuration: add --public-demo only if this is a demonstration machine.\n',
    );
    return 1;
  }
  const ctx = await createContext(config());
  try {
    process.stdout.write(describeDemo(await seedDemo(ctx), config().publicUrl));
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`Cannot seed the demo data: ${error.detail}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    process.stderr.write(`Failed: ${error.message}\n`);
    process.exit(1);
  });
