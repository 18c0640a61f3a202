// A person named in full is often named again by a surname of two words ("Lo Presti" after
// "Antonio Lo Presti", "Chepkoech Rono"), which reads as a full name of its own: it is the same person.
import { nameKey } from './names.ts';
import type { NewMention } from './new-names.ts';

/** Mentions of a new person whose whole name ends exactly one longer one's become that one's. */
export function mergeSurnameForms(mentions: readonly NewMention[]): NewMention[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention.name]));
  const longer = new Map<string, { owner: string; name: string; description: string | null }>();
  for (const [owner, name] of names) {
    const key = nameKey(name);
    const fuller = [...names].filter(([other, otherName]) => other !== owner && nameKey(otherName).endsWith(` ${key}`));
    const [only] = fuller;
    const fullMention = only && mentions.find((mention) => mention.owner === only[0]);
    if (only && fuller.length === 1 && fullMention)
      longer.set(owner, { owner: only[0], name: only[1], description: fullMention.description });
  }
  return mentions.map((mention) => {
    const fuller = longer.get(mention.owner);
    return fuller ? { ...mention, ...fuller } : mention;
  });
}
