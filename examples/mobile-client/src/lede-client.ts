import { Client, fetchExchange } from '@urql/core';
import {
  MobileArticleScreenDocument,
  type MobileArticleScreenQuery,
  MobileFrontPageDocument,
  type MobileFrontPageQuery,
} from './gql/graphql.js';

export type FrontPage = MobileFrontPageQuery['articles'];
export type ArticleScreen = NonNullable<MobileArticleScreenQuery['article']>;

/** A client for a Lede endpoint, such as http://localhost:4000/graphql. */
export function createLedeClient(url: string, apiKey?: string): Client {
  return new Client({
    url,
    // No cache exchange: a one-shot script always wants the network; an app would add one.
    exchanges: [fetchExchange],
    // POST with a JSON body is never mistaken for a cross-site request; GET would need a header.
    preferGetMethod: false,
    fetchOptions: apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : undefined,
  });
}

export async function fetchFrontPage(client: Client, first = 10): Promise<FrontPage> {
  const result = await client.query(MobileFrontPageDocument, { first }).toPromise();
  if (result.error) throw result.error;
  if (!result.data) throw new Error('Lede returned no front page');
  return result.data.articles;
}

/** The article, or null when no article has this slug (or it is not public). */
export async function fetchArticleScreen(client: Client, slug: string): Promise<ArticleScreen | null> {
  const result = await client.query(MobileArticleScreenDocument, { slug }).toPromise();
  if (result.error) throw result.error;
  return result.data?.article ?? null;
}
