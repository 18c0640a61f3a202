import { type ChildProcess, spawn } from 'node:child_process';
import { inject } from 'vitest';
import { startScript } from '../../scripts/build.ts';
import { projectRoot } from '../../src/shared/project-root.ts';

export type ServerProcess = {
  url: string;
  /** The server's process id, to read its memory from /proc. */
  pid: number;
  output: () => string;
  stop: () => Promise<number | null>;
};

// Loading and compiling every module takes a few seconds on a quiet machine and far longer on a
// busy one; this only bounds a server that will never start.
const STARTUP_LIMIT_MS = 180_000;

// Built once per run by the global setup (tests/support/global-setup.ts).
const serverBundle = () => inject('serverBundle');

/** Runs `npm start`'s command as a child process and waits for its ready line. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { environment, nodeFlags } = startScript();
  const child = spawn(process.execPath, [...nodeFlags, serverBundle()], {
    cwd: projectRoot,
    env: { ...process.env, ...environment, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Lede ready at (http:\/\/\S+)/.exec(output);
      if (ready?.[1] && child.pid)
        resolve({ url: ready[1], pid: child.pid, output: () => output, stop: () => stop(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
    setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after ${STARTUP_LIMIT_MS / 1000} s:\n${output}`));
    }, STARTUP_LIMIT_MS).unref();
  });
}

/** Runs the server expecting it to fail at start; resolves with its exit code and output. */
export async function runFailingServer(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { environment, nodeFlags } = startScript();
  const child = spawn(process.execPath, [...nodeFlags, serverBundle()], {
    cwd: projectRoot,
    env: { ...process.env, ...environment, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
