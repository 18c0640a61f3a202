// A new organisation named in full is often named again by the first words of its name
// ("Nordvik’s chief executive" after "Nordvik Marine Systems", "Toyota Kirloskar" after "Toyota
// Kirloskar Motor") or, for a listed one, by its last ("Congress" after "Indian National Congress"):
// that short form is the same organisation, not another.
import { nameKey } from './names.ts';
import type { NewMention } from './new-names.ts';
import { COMPANY_FORMS, ORGANIZATION_HEADS } from './vocabulary.ts';

const isCompanyForm = (key: string) =>
  COMPANY_FORMS.has(key) || ['holdings', 'holding', 'group', 'corporation', 'company'].includes(key);

/**
 * Mentions of an organisation whose name begins another one's ("Nordvik", "Nordvik Marine
 * Systems") become that one's. A listed organisation keeps its own ("Harvard", "Harvard Medical
 * School"), unless its one-word name ends the other one's or the other adds only a company form or
 * a line of business.
 */
export function mergeShortForms(mentions: readonly NewMention[], listed: ReadonlySet<string>): NewMention[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention.name]));
  const longer = new Map<string, { owner: string; name: string }>();
  for (const [owner, name] of names) {
    const key = nameKey(name);
    const isListed = listed.has(owner);
    if (isListed && /\s/u.test(name)) continue;
    const fuller = [...names].filter(([other, otherName]) => {
      const otherKey = nameKey(otherName);
      if (other === owner) return false;
      if (!isListed) return otherKey.startsWith(`${key} `);
      // "Kioxia Holdings", "Samsung Electronics": the listed "Kioxia" or "Samsung" with its company form
      // or line of business; "Harvard Medical School" is another organization than "Harvard".
      const rest = otherKey.slice(key.length + 1).split(' ');
      const formed =
        otherKey.startsWith(`${key} `) && rest.every((word) => isCompanyForm(word) || !ORGANIZATION_HEADS.has(word));
      return formed || otherKey.endsWith(` ${key}`);
    });
    const [only] = fuller;
    if (only && fuller.length === 1) longer.set(owner, { owner: only[0], name: only[1] });
  }
  return mentions.map((mention) => {
    const fuller = longer.get(mention.owner);
    return fuller ? { ...mention, ...fuller } : mention;
  });
}
