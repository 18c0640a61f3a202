// The bench's record of other processes' load (bench/machine-load.ts): a known process that ends
// inside a window keeps the CPU it used, rather than passing for another process's load.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { loadWindow } from '../bench/machine-load.ts';

// Uses 0.6 s of CPU (however long a loaded machine makes that take), then idles for 1.5 s and
// exits: as a pooled PostgreSQL backend does, which the pool closes after it has been idle a while.
const WORK_THEN_IDLE = 'while (process.cpuUsage().user < 600_000) {} setTimeout(() => {}, 1500);';

describe.runIf(process.platform === 'linux')('load window', () => {
  it('counts the CPU of a known process that exits before the window ends', async () => {
    const child = spawn(process.execPath, ['-e', WORK_THEN_IDLE], { stdio: 'ignore' });
    const pid = child.pid as number;
    const window = await loadWindow(async () => (child.exitCode === null ? [{ pid, group: 'burner' }] : []));
    await once(child, 'exit');
    // The process is gone, and knownPids no longer names it.
    const measured = await window.end();
    // It used 0.6 s of CPU, nearly all of it after the window opened.
    expect(measured.cpuSeconds.burner ?? 0).toBeGreaterThan(0.3);
  });
});
