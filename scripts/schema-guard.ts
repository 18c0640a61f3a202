// Compares generated/schema.graphql with the one in a base git revision and fails on changes that
// would break existing clients, unless a commit message since the base says why they are wanted.
// Usage: npm run schema:guard [-- --base <revision>] [-- --schema <path>]
//   --base    git revision to compare with; default $SCHEMA_GUARD_BASE or HEAD~1 (the previous
//             commit on main, the first parent of a merge)
//   --schema  path of the printed schema inside the repository; default generated/schema.graphql
// Exit status: 0 when there is nothing breaking (warnings are printed), 1 otherwise.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** `[breaking-change: <reason>]` in a commit message lets a breaking change through. */
const MARKER = /\[breaking-change:\s*([^\]]*?\S)\s*\]/i;
/** What graphql-js puts in a `@deprecated` without a reason. */
const DEFAULT_DEPRECATION_REASON = 'No longer supported';

export type SchemaGuardResult = {
  /** Changes that break existing operations or clients. */
  breaking: Change[];
  /** Changes that may change how existing clients behave (a new enum value, say). */
  dangerous: Change[];
  /** New deprecations whose reason does not say what to use instead. */
  unexplainedDeprecations: Change[];
  /** Everything else: additions, descriptions, deprecations with a reason. */
  safe: Change[];
  /** The reason given in a `[breaking-change: …]` marker, when there is one. */
  allowedBecause?: string;
  /** False when the check fails. */
  passed: boolean;
};

/** Compares two SDL documents; `commitMessages` are searched for the breaking-change marker. */
export async function checkSchemaChange(baseSdl: string, currentSdl: string, commitMessages: string[] = []) {
  const changes = await diff(buildSchema(baseSdl), buildSchema(currentSdl));
  const level = (wanted: CriticalityLevel) => changes.filter((change) => change.criticality.level === wanted);
  const unexplainedDeprecations = changes.filter(
    (change) =>
      (change.type === ChangeType.FieldDeprecationAdded ||
        change.type === ChangeType.EnumValueDeprecationReasonAdded) &&
      !explainsDeprecation(change),
  );
  const breaking = level(CriticalityLevel.Breaking);
  const allowedBecause = commitMessages.map((message) => MARKER.exec(message)?.[1]).find(Boolean);
  const result: SchemaGuardResult = {
    breaking,
    dangerous: level(CriticalityLevel.Dangerous),
    unexplainedDeprecations,
    safe: level(CriticalityLevel.NonBreaking).filter((change) => !unexplainedDeprecations.includes(change)),
    allowedBecause,
    passed: (breaking.length === 0 || allowedBecause !== undefined) && unexplainedDeprecations.length === 0,
  };
  return result;
}

function explainsDeprecation(change: Change): boolean {
  const meta = change.meta as { deprecationReason?: string; addedValueDeprecationReason?: string };
  const reason = (meta.deprecationReason ?? meta.addedValueDeprecationReason ?? '').trim();
  return reason !== '' && reason !== DEFAULT_DEPRECATION_REASON;
}

/** The report printed by the CLI: one line per change that matters, then the verdict. */
export function formatReport(result: SchemaGuardResult, base: string): string {
  const lines: string[] = [];
  const list = (title: string, changes: Change[]) => {
    if (changes.length === 0) return;
    lines.push(`${title} (${changes.length}):`);
    for (const change of changes) {
      const why = change.criticality.reason ? ` (${change.criticality.reason})` : '';
      lines.push(`  - ${change.message}${change.path ? ` [${change.path}]` : ''}${why}`);
    }
  };
  list('Breaking changes', result.breaking);
  list('Deprecations without a reason naming the replacement', result.unexplainedDeprecations);
  list('Warnings: dangerous changes', result.dangerous);
  lines.push(`Safe changes: ${result.safe.length}.`);
  if (result.passed && result.breaking.length > 0) {
    lines.push(`Breaking changes allowed by the commit message: ${result.allowedBecause}`);
  }
  if (result.passed) {
    lines.push(`Schema guard passed against ${base}.`);
  } else {
    lines.push(`Schema guard failed against ${base}.`);
    if (result.breaking.length > 0 && result.allowedBecause === undefined) {
      lines.push(
        'Deprecate instead (@deprecated(reason: "Use … instead.")) and remove later, or, if clients',
        'have agreed, put [breaking-change: <reason>] in the commit message.',
      );
    }
    if (result.unexplainedDeprecations.length > 0) {
      lines.push('Give every deprecation a reason that names what to use instead.');
    }
  }
  return lines.join('\n');
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, schema: { type: 'string', default: 'generated/schema.graphql' } },
  });
  const base = values.base ?? process.env.SCHEMA_GUARD_BASE ?? 'HEAD~1';
  const schemaPath = values.schema;
  const root = git(['rev-parse', '--show-toplevel'])?.trim();
  if (!root) {
    console.log('Schema guard skipped: not inside a git repository.');
    return 0;
  }
  const currentSdl = await readFile(path.join(root, schemaPath), 'utf8').catch(() => undefined);
  if (currentSdl === undefined) {
    console.error(`Schema guard failed: there is no ${schemaPath} to check (npm run generate writes it).`);
    return 1;
  }
  const baseCommit = git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`])?.trim();
  if (!baseCommit) {
    const shallow = git(['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
    console.log(
      shallow
        ? `Schema guard skipped: ${base} is not in this shallow clone (git fetch --unshallow to check).`
        : `Schema guard skipped: there is no ${base} (the first commit has nothing to compare with).`,
    );
    return 0;
  }
  const baseSdl = git(['show', `${baseCommit}:${schemaPath}`]);
  if (baseSdl === undefined) {
    console.log(`Schema guard passed: ${base} has no ${schemaPath}, so every type is new.`);
    return 0;
  }
  // Every commit since the base may carry the marker: HEAD itself, or one of a merged branch.
  const messages = (git(['log', '--format=%B%x00', `${baseCommit}..HEAD`]) ?? '').split('\0');
  const result = await checkSchemaChange(baseSdl, currentSdl, messages);
  const label = `${base} (${baseCommit.slice(0, 10)})`;
  (result.passed ? console.log : console.error)(formatReport(result, label));
  return result.passed ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
