import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// PGlite lets one process open a data folder. A running gateway records where it listens in the
// folder, with a secret for local tools (the importer), so they write through it instead.

export type GatewayLock = { url: string; pid: number; token: string };

const lockPath = (dataDir: string) => path.join(dataDir, 'gateway.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The gateway running on this data folder, if one is. */
export async function runningGateway(dataDir: string): Promise<GatewayLock | null> {
  try {
    const lock = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as GatewayLock;
    return lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export function newLocalToken(): string {
  return `lede_local_${randomBytes(24).toString('base64url')}`;
}

export async function writeGatewayLock(dataDir: string, lock: GatewayLock): Promise<void> {
  await writeFile(lockPath(dataDir), JSON.stringify(lock), { mode: 0o600 });
}

export async function removeGatewayLock(dataDir: string): Promise<void> {
  await rm(lockPath(dataDir), { force: true });
}
