/**
 * A private, throw-away PostgreSQL cluster for tests (server suites and the sync fault
 * suite): initdb + pg_ctl into a temp folder, a free port, a socket in that folder, no
 * fsync. Start one per test file and take a fresh database per test with
 * createDatabase() (CREATE DATABASE is fast). When run as root (CI containers), the
 * cluster runs as the `postgres` user, because initdb refuses root. Imported by tests only.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { freePort } from './free-port.js';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresCluster {
  /** Connection string of the cluster's `postgres` database. */
  readonly url: string;
  /** A new, empty database; returns its connection string. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'PostgreSQL is not installed (initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin). ' +
  'Install it with "apt-get install postgresql" (Debian/Ubuntu) and run the tests again.';

/** The folder holding initdb/pg_ctl: PATH first, then Debian's versioned folders (newest first). */
export function findPostgresBin(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(root, v, 'bin');
      if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
    }
  }
  return null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line that runs a PostgreSQL binary as a user initdb accepts. */
function asPostgresUser(bin: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function exec(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = asPostgresUser(bin, args);
  try {
    await run(cmd, argv, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }
}

let counter = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  await exec(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);

  const pgCtl = path.join(bin, 'pg_ctl');
  let port = 0;
  // A port found free can be taken before postgres binds it: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const opts = [
      `-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'",
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
      '-c max_connections=200', '-c shared_buffers=32MB',
    ].join(' ');
    try {
      await exec(pgCtl, ['start', '-D', dataDir, '-w', '-t', '30', '-l', logFile, '-o', opts]);
      break;
    } catch (err) {
      if (attempt >= 2) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`${(err as Error).message}\n${log}`, { cause: err });
      }
    }
  }

  let stopped = false;
  // If the test process ends without stop(), do not leave a postgres running.
  const onExit = () => {
    if (stopped) return;
    try {
      const [cmd, argv] = asPostgresUser(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate']);
      execFileSync(cmd, argv, { stdio: 'ignore' });
    } catch { /* already gone */ }
  };
  process.once('exit', onExit);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async createDatabase(name) {
      const db = name ?? `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`bad database name ${db}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${db}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${db}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await exec(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
