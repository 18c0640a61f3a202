import { type LinkResult, linkEntities } from '../../src/content/linker/index.ts';

/** The linker on paragraphs under a fixed headline, with an empty directory: everything it finds is new. */
export function linkAlone(paragraphs: string[]): LinkResult {
  return linkEntities({ headline: 'Headline', paragraphs }, { people: [], organizations: [] });
}

/** New organisations as `name (aliases) ×mentions`, for compact assertions. */
export function newOrganizationsIn(paragraphs: string[]): string[] {
  return linkAlone(paragraphs).newOrganizations.map((entity) => {
    const aliases = entity.aliases.length ? ` (${entity.aliases.join(', ')})` : '';
    return `${entity.name}${aliases} ×${entity.spans.length}`;
  });
}
