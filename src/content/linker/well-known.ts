// Organisations the news names without a telling word ("Podemos", "Maersk", "al-Shabaab"), from a
// list shipped with the linker (well-known-organizations.json). They are proposed as new entities,
// like names compromise finds, and named by the fullest of their names the article uses.
import type { ArticleText } from './article.ts';
import type { Claim } from './claims.ts';
import { ownKeysOf } from './known.ts';
import { compileName, type NamePattern, nameKey } from './names.ts';
import { type NewMention, newOrganizationOwner } from './new-names.ts';
import { type NameEntry, NameIndex } from './search.ts';
import { isAdjacent, isCapitalized } from './tokens.ts';
import { ORGANIZATION_HEADS } from './vocabulary.ts';
import list from './well-known-organizations.json' with { type: 'json' };

let compiled: NameIndex | undefined;

/** `definedAcronyms`: keys of acronyms the article defines itself, which mean what it says there. */
export function wellKnownOrganizations(article: ArticleText, definedAcronyms: ReadonlySet<string>): NewMention[] {
  compiled ??= compileList(Object.values(list.organizations).flat());
  const claims = compiled
    .claimsIn(article)
    .filter((claim) => !continuesWithObject(article, claim))
    .filter(({ entry }) => entry.pattern.length > 1 || !definedAcronyms.has(entry.pattern[0]?.key ?? ''));
  // Every mention carries the entity's longest name found in the article ("Federal Reserve", not "Fed").
  const fullest = new Map<string, string>();
  for (const { owner, entry } of claims) {
    const name = entry.written ?? '';
    if (name.length > (fullest.get(owner) ?? '').length) fullest.set(owner, name);
  }
  return claims.map(({ entry: _, ...claim }) => ({
    ...claim,
    name: fullest.get(claim.owner) ?? '',
    description: null,
  }));
}

/** Lines are "Name | Other name | …". A name two entries share ("ICC") belongs to neither. */
function compileList(lines: readonly string[]): NameIndex {
  const entities = lines.map((line) => line.split('|').map((name) => name.trim()));
  const ownersByName = new Map<string, Set<string>>();
  for (const names of entities) {
    const owner = newOrganizationOwner(names[0] ?? '');
    for (const name of names) {
      ownersByName.set(nameKey(name), (ownersByName.get(nameKey(name)) ?? new Set()).add(owner));
    }
  }
  const entries = entities.flatMap((names) => {
    const owner = newOrganizationOwner(names[0] ?? '');
    const ownKeys = ownKeysOf(names);
    return names
      .filter((name) => ownersByName.get(nameKey(name))?.size === 1)
      .flatMap((name) =>
        // Checked like aliases: a listed name must not end a longer one ("Keisuke Honda", "Harbourview Green Party").
        patternsOf(name).map(
          (pattern): NameEntry => ({
            owner,
            pattern,
            ownKeys,
            form: 'alias',
            written: name,
          }),
        ),
      );
  });
  return new NameIndex(entries);
}

/** "The Lancet" only with its article (a lone "Lancet" could be anything); "The New York Times" either way. */
function patternsOf(name: string): NamePattern[] {
  const pattern = compileName(name).map((part, index) =>
    index === 0 && part.key === 'the' ? { ...part, shape: 'any' as const } : part,
  );
  if (pattern[0]?.key === 'the' && pattern.length > 2) return [pattern, pattern.slice(1)];
  return pattern.length === 0 ? [] : [pattern];
}

/** "Alfred Wegener Institute" in "Alfred Wegener Institute for Polar and Marine Research" is not the whole name. */
function continuesWithObject(article: ArticleText, claim: Claim): boolean {
  const tokens = article.tokens[claim.paragraph] ?? [];
  const [head, preposition, object] = [tokens[claim.last], tokens[claim.last + 1], tokens[claim.last + 2]];
  if (!head || !ORGANIZATION_HEADS.has(head.key) || !preposition || !object) return false;
  if (!isAdjacent(preposition.gapBefore) || !isAdjacent(object.gapBefore)) return false;
  return ['of', 'for'].includes(preposition.key) && isCapitalized(object);
}
