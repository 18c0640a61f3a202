/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query MobileArticleScreen($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    urlPath\n    headline\n    standfirst\n    publishedAt\n    readingTimeMinutes\n    section {\n      name\n      ancestors {\n        name\n      }\n    }\n    bylines {\n      role\n      person {\n        name\n      }\n    }\n    paragraphs\n    mentionedPeople {\n      mentionCount\n      person {\n        name\n        slug\n      }\n    }\n  }\n}": typeof types.MobileArticleScreenDocument,
    "query MobileFrontPage($first: Int = 10, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        slug\n        headline\n        standfirst\n        publishedAt\n        readingTimeMinutes\n        section {\n          name\n        }\n        bylines {\n          role\n          person {\n            name\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.MobileFrontPageDocument,
};
const documents: Documents = {
    "query MobileArticleScreen($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    urlPath\n    headline\n    standfirst\n    publishedAt\n    readingTimeMinutes\n    section {\n      name\n      ancestors {\n        name\n      }\n    }\n    bylines {\n      role\n      person {\n        name\n      }\n    }\n    paragraphs\n    mentionedPeople {\n      mentionCount\n      person {\n        name\n        slug\n      }\n    }\n  }\n}": types.MobileArticleScreenDocument,
    "query MobileFrontPage($first: Int = 10, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        slug\n        headline\n        standfirst\n        publishedAt\n        readingTimeMinutes\n        section {\n          name\n        }\n        bylines {\n          role\n          person {\n            name\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.MobileFrontPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MobileArticleScreen($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    urlPath\n    headline\n    standfirst\n    publishedAt\n    readingTimeMinutes\n    section {\n      name\n      ancestors {\n        name\n      }\n    }\n    bylines {\n      role\n      person {\n        name\n      }\n    }\n    paragraphs\n    mentionedPeople {\n      mentionCount\n      person {\n        name\n        slug\n      }\n    }\n  }\n}"): (typeof documents)["query MobileArticleScreen($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    urlPath\n    headline\n    standfirst\n    publishedAt\n    readingTimeMinutes\n    section {\n      name\n      ancestors {\n        name\n      }\n    }\n    bylines {\n      role\n      person {\n        name\n      }\n    }\n    paragraphs\n    mentionedPeople {\n      mentionCount\n      person {\n        name\n        slug\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MobileFrontPage($first: Int = 10, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        slug\n        headline\n        standfirst\n        publishedAt\n        readingTimeMinutes\n        section {\n          name\n        }\n        bylines {\n          role\n          person {\n            name\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query MobileFrontPage($first: Int = 10, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        slug\n        headline\n        standfirst\n        publishedAt\n        readingTimeMinutes\n        section {\n          name\n        }\n        bylines {\n          role\n          person {\n            name\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;