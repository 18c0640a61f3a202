// Counts how often known people and organizations are named in a text. A surname alone counts
// for a person only when the article also names them in full.

export type KnownEntity = { id: number; name: string; aliases: readonly string[] };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countTerms(text: string, terms: readonly string[]): number {
  const unique = [...new Set(terms.map((term) => term.trim()).filter(Boolean))];
  if (unique.length === 0) return 0;
  // Longest first, so "Elena Voss" is one mention rather than also counting "Voss".
  unique.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return text.match(pattern)?.length ?? 0;
}

export function countOrganizationMentions(text: string, organizations: readonly KnownEntity[]) {
  return organizations
    .map((organization) => ({
      id: organization.id,
      count: countTerms(text, [organization.name, ...organization.aliases]),
    }))
    .filter((mention) => mention.count > 0);
}

export function countPersonMentions(text: string, people: readonly KnownEntity[]) {
  return people
    .map((person) => {
      const fullNames = [person.name, ...person.aliases];
      if (countTerms(text, fullNames) === 0) return { id: person.id, count: 0 };
      const surnames = fullNames.filter((name) => /\s/.test(name)).map((name) => name.split(/\s+/).at(-1) ?? name);
      return { id: person.id, count: countTerms(text, [...fullNames, ...surnames]) };
    })
    .filter((mention) => mention.count > 0);
}
