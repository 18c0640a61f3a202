import DataLoader from 'dataloader';
import type { Organization, Person } from '../../generated/prisma/client.ts';
import type { Visibility } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import { lazyLoaders } from '../shared/lazy-loaders.ts';
import { createCoMentionLoader } from './co-mentions.ts';
import { bylinedArticleCounts, mentioningArticleCounts, organizationsById, peopleById } from './store.ts';
import { createTimelineLoader } from './timeline.ts';

type Scope = Db & Visibility;

/** Co-mentions by the kinds of the entity and of the names it is mentioned with. */
const coMentionLoaders = {
  personPeople: (scope: Scope) => createCoMentionLoader(scope, 'Person', 'Person'),
  personOrganizations: (scope: Scope) => createCoMentionLoader(scope, 'Person', 'Organization'),
  organizationPeople: (scope: Scope) => createCoMentionLoader(scope, 'Organization', 'Person'),
  organizationOrganizations: (scope: Scope) => createCoMentionLoader(scope, 'Organization', 'Organization'),
};

/** The entities' loaders, by the name the schema reads them under (`context.loaders.person`, …). */
export const entityLoaders = {
  person: (scope: Scope) => new DataLoader<number, Person | null>((ids) => peopleById(scope, ids)),
  organization: (scope: Scope) => new DataLoader<number, Organization | null>((ids) => organizationsById(scope, ids)),
  /** Articles the viewer may see with the person in the byline. */
  personArticleCount: (scope: Scope) => new DataLoader<number, number>((ids) => bylinedArticleCounts(scope, ids)),
  /** Articles the viewer may see that mention the person. */
  personMentionCount: (scope: Scope) =>
    new DataLoader<number, number>((ids) => mentioningArticleCounts(scope, 'Person', ids)),
  /** Articles the viewer may see that mention the organization. */
  organizationMentionCount: (scope: Scope) =>
    new DataLoader<number, number>((ids) => mentioningArticleCounts(scope, 'Organization', ids)),
  coMentions: (scope: Scope) => lazyLoaders(scope, coMentionLoaders),
  personTimeline: (scope: Scope) => createTimelineLoader(scope, 'Person'),
  organizationTimeline: (scope: Scope) => createTimelineLoader(scope, 'Organization'),
};
