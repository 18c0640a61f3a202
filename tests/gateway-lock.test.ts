import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLocalToken, removeGatewayLock, runningGateway, writeGatewayLock } from '../src/db/gateway-lock.ts';

// The importer and `npm run apikey` ask this file whether a gateway holds the PGlite folder, and
// write through it if so. A crashed gateway leaves its file behind: that must not count.
describe('the running-gateway file of a PGlite data folder', () => {
  let dataDir: string;
  let other: ChildProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-lock-'));
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    other?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names a live gateway in another process, readable by its owner only', async () => {
    const lock = { url: 'http://127.0.0.1:4000/graphql', pid: other.pid as number, token: newLocalToken() };
    await writeGatewayLock(dataDir, lock);
    expect(await runningGateway(dataDir)).toStrictEqual(lock);
    expect((await stat(path.join(dataDir, 'gateway.json'))).mode & 0o077, 'no access for group or others').toBe(0);
    expect(lock.token).toMatch(/^lede_local_[\w-]{32}$/);
    expect(newLocalToken()).not.toBe(lock.token);
  });

  it('ignores a file left by a process that has ended, by this process, or a broken or missing file', async () => {
    const ended = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => ended.once('exit', resolve));
    await writeGatewayLock(dataDir, { url: 'http://x/graphql', pid: ended.pid as number, token: newLocalToken() });
    expect(await runningGateway(dataDir), 'the gateway crashed').toBe(null);

    await writeGatewayLock(dataDir, { url: 'http://x/graphql', pid: process.pid, token: newLocalToken() });
    expect(await runningGateway(dataDir), 'this process is the gateway').toBe(null);

    await writeFile(path.join(dataDir, 'gateway.json'), '{"url":');
    expect(await runningGateway(dataDir), 'half-written').toBe(null);

    await removeGatewayLock(dataDir);
    expect(await runningGateway(dataDir)).toBe(null);
    await removeGatewayLock(dataDir);
  });
});
