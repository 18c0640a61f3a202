// A new organisation named in full is often named again by its first words ("Nordvik’s chief
// executive" after "Nordvik Marine Systems"): that short form is the same organisation, not another.
import { nameKey } from './names.ts';
import type { NewMention } from './new-names.ts';

/**
 * Mentions of an organisation whose name begins another one's ("Nordvik" or "Toyota Kirloskar" before
 * "Nordvik Marine Systems" or "Toyota Kirloskar Motor") become that one's. A listed organisation
 * keeps its own ("Harvard", "Harvard Medical School").
 */
export function mergeShortForms(mentions: readonly NewMention[], listed: ReadonlySet<string>): NewMention[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention.name]));
  const longer = new Map<string, { owner: string; name: string }>();
  for (const [owner, name] of names) {
    if (listed.has(owner)) continue;
    const key = `${nameKey(name)} `;
    const fuller = [...names].filter(([other, otherName]) => other !== owner && nameKey(otherName).startsWith(key));
    const [only] = fuller;
    if (only && fuller.length === 1) longer.set(owner, { owner: only[0], name: only[1] });
  }
  return mentions.map((mention) => {
    const fuller = longer.get(mention.owner);
    return fuller ? { ...mention, ...fuller } : mention;
  });
}
