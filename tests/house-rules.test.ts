import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Rules of the house's layout, read from the source so a change that breaks one fails here.

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

const sourceFiles = (readdirSync(src, { recursive: true }) as string[])
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(src, name));

const text = new Map(sourceFiles.map((file) => [file, readFileSync(file, 'utf8')]));
const fromSrc = (file: string) => relative(src, file).split('\\').join('/');

/** Files of src/ that a file imports (static, dynamic and type-only imports alike). */
function importsOf(file: string): string[] {
  const specifiers = [...(text.get(file) ?? '').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.\.?\/[^']+)'/g)];
  return specifiers.map((match) => resolve(dirname(file), match[1] ?? '')).filter((target) => text.has(target));
}

/** Every import circle among src/ files, each as the files in it (Tarjan's strongly connected components). */
function importCircles(): string[][] {
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    lowest.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of importsOf(file)) {
      if (!index.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file) ?? 0, lowest.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowest.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(fromSrc(member));
      } while (member !== file);
      const importsItself = importsOf(file).includes(file);
      if (component.length > 1 || importsItself) circles.push(component.sort());
    }
  };
  for (const file of sourceFiles) if (!index.has(file)) visit(file);
  return circles;
}

describe('the house rules', () => {
  it('reads the source it checks', () => {
    expect(sourceFiles.length).toBeGreaterThan(100);
    expect(importsOf(join(src, 'server.ts')).length).toBeGreaterThan(0);
  });

  it('has no import circle among src/ files', () => {
    expect(importCircles()).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const a = join(src, '__circle-a.ts');
    const b = join(src, '__circle-b.ts');
    text.set(a, "import { b } from './__circle-b.ts';");
    text.set(b, "import { a } from './__circle-a.ts';");
    sourceFiles.push(a, b);
    try {
      expect(importCircles()).toContainEqual(['__circle-a.ts', '__circle-b.ts']);
    } finally {
      sourceFiles.splice(sourceFiles.indexOf(a), 2);
      text.delete(a);
      text.delete(b);
    }
  });

  it('states the public-visibility rule once: PUBLISHED appears only in articles/visibility.ts and the write path', () => {
    // The write path sets and reacts to a status; only visibility.ts decides what a reader may see.
    const writePath = new Set([
      'articles/visibility.ts',
      'articles/editor.ts',
      'articles/events.ts',
      'media/image-editor.ts',
      'content/importer.ts',
      'content/sample-content.ts',
      'schema/import.ts',
      'schema/article-mutations.ts',
    ]);
    const elsewhere = sourceFiles
      .map(fromSrc)
      .filter((path) => !writePath.has(path))
      .filter((path) => /['"]PUBLISHED['"]/.test(text.get(join(src, path)) ?? ''));
    expect(elsewhere).toEqual([]);
  });
});
