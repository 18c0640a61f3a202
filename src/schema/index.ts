import { isObjectType, lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.ts';
import './scalars.ts';
import './errors.ts';
import './node.ts';
import './article.ts';
import './article-mutations.ts';
import './article-tombstone.ts';
import './article-subscription.ts';
import './correction.ts';
import './most-read.ts';
import './import.ts';
import './api-key.ts';
import './section.ts';
import './collection.ts';
import './collection-mutations.ts';
import './collection-subscription.ts';
import './person.ts';
import './organization.ts';
import './byline.ts';
import './mention.ts';
import './affiliation.ts';
import './search.ts';
import './facets.ts';
import './entity-search.ts';
import './related.ts';
import './route.ts';
import './co-mentions.ts';
import './timeline.ts';
import './image.ts';

builder.queryType({
  description: 'Read access to news content: published articles for everyone, drafts too with an API key.',
});
builder.mutationType({
  description:
    'Changes to content. Every mutation needs an API key whose role allows it, except `recordArticleView`, which apps send for their readers.',
});

const built = builder.toSchema();

// The Prisma plugin adds `totalCount` to connections without a description; GraphiQL is our
// documentation, so every connection's count gets one.
for (const type of Object.values(built.getTypeMap())) {
  const totalCount = isObjectType(type) && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
  if (totalCount && !totalCount.description) {
    totalCount.description = 'Number of items in the whole connection, not just this page. Counted only when selected.';
  }
}

export const schema = lexicographicSortSchema(built);
