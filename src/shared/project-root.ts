import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding schema.prisma, migrations/ and content/: two levels above this file when it
 * runs from src/, one above the bundle in dist/ that `npm start` runs.
 */
function findProjectRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'schema.prisma'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No schema.prisma above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
