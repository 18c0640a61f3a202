import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of a test's own, in a temporary folder, that the test may stop and start
 * (as .ci/run starts its server). Never the shared server of DATABASE_URL, which other tests use.
 */
export type ThrowawayPostgres = {
  url: string;
  stop: () => void;
  start: () => void;
  destroy: () => Promise<void>;
};

/** Why a throw-away server cannot be made here, or undefined when it can. */
export function throwawayPostgresUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root, to run initdb and pg_ctl as the postgres user';
  if (!postgresBin()) return 'no PostgreSQL server binaries (initdb) under /usr/lib/postgresql';
  return undefined;
}

function postgresBin(): string | undefined {
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries');
  const root = await mkdtemp(path.join(tmpdir(), 'lede-throwaway-postgres-'));
  const { uid, gid } = userIds('postgres');
  await chown(root, uid, gid);
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { stdio: 'pipe' });
  asPostgres('initdb', ['-D', `${root}/data`, '-U', 'postgres', '--auth=trust']);
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      `${root}/data`,
      '-l',
      `${root}/server.log`,
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);
  const stop = () => asPostgres('pg_ctl', ['-D', `${root}/data`, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', name])
    .toString()
    .trim()
    .split('\n')
    .concat(execFileSync('id', ['-g', name]).toString().trim());
  return { uid: Number(uid), gid: Number(gid) };
}
