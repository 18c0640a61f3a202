import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/server.js, built once per run from the current source, as `npm start` builds it. */
    serverBundle: string;
    /** The slow project runs the load, soak and hostile tests at full size; the default one runs them small. */
    fullSize: boolean;
  }
}

/** Runs once before any test file: builds the server bundle that the server-process tests start. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('serverBundle', await buildServer());
}
