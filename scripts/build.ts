// Bundles the gateway's own code into dist/server.js for `npm start` (packages stay in
// node_modules). Running plain JavaScript instead of compiling TypeScript on the fly with tsx
// starts faster and holds about half the memory. Usage: npm run build
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../src/shared/project-root.ts';

export const SERVER_BUNDLE = path.join(projectRoot, 'dist', 'server.js');

/**
 * Writes `server.js` into `outdir`; what loads on first use (the linker) goes to its own chunk.
 * `sourceRoot` is another checkout of Lede when the bench compares one against this one.
 */
export async function buildServer(outdir = path.dirname(SERVER_BUNDLE), sourceRoot = projectRoot): Promise<string> {
  await build({
    entryPoints: [path.join(sourceRoot, 'src', 'server.ts')],
    outdir,
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  return path.join(outdir, 'server.js');
}

/**
 * The environment and Node flags `npm start` gives the bundle (package.json's start script is their
 * one home), so the tests and the bench run the gateway as production does. `root` is another
 * checkout of Lede.
 */
export function startScript(root = projectRoot): { environment: Record<string, string>; nodeFlags: string[] } {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = /\b((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)dist\/server\.js/.exec(scripts.start ?? '');
  if (!command) throw new Error(`${root}/package.json: no "node … dist/server.js" in the start script`);
  const words = (text = '') => text.trim().split(/\s+/).filter(Boolean);
  const environment = Object.fromEntries(
    words(command[1]).map((assignment) => assignment.split('=', 2) as [string, string]),
  );
  return { environment, nodeFlags: words(command[2]) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Built ${path.relative(projectRoot, await buildServer())}`);
}
