// Relay fragments and queries a news front end writes against Lede; tests/client-builds.test.ts
// compiles them with relay-compiler, so a schema change Relay cannot use fails CI.
// (`graphql` is Relay's tag; the compiler reads it from the source, nothing runs here.)
declare function graphql(strings: TemplateStringsArray): unknown;

/** One card, used in every list. */
export const card = graphql`
  fragment listsArticleCard on Article {
    id
    headline
    urlPath
    publishedAt
    section {
      name
    }
  }
`;

/** The front page: a paginated list, refetchable by its filter and order. */
export const frontPage = graphql`
  fragment listsFrontPage on Query
  @refetchable(queryName: "FrontPagePaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
    orderBy: { type: "ArticleOrder" }
  ) {
    articles(first: $count, after: $cursor, orderBy: $orderBy) @connection(key: "lists_articles") {
      edges {
        node {
          ...listsArticleCard
        }
      }
    }
  }
`;

/** A section page: the same list type, paginated on the section (a Node). */
export const sectionPage = graphql`
  fragment listsSectionArticles on Section
  @refetchable(queryName: "SectionArticlesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    name
    articles(first: $count, after: $cursor) @connection(key: "lists_section_articles") {
      edges {
        node {
          ...listsArticleCard
        }
      }
    }
  }
`;

/** A person's page. */
export const personPage = graphql`
  fragment listsPersonArticles on Person
  @refetchable(queryName: "PersonArticlesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    name
    mentionedIn(first: $count, after: $cursor) @connection(key: "lists_person_mentionedIn") {
      edges {
        node {
          ...listsArticleCard
        }
      }
    }
  }
`;

/** Search, forward only, with highlights. */
export const searchResults = graphql`
  fragment listsSearchResults on Query
  @refetchable(queryName: "SearchPaginationQuery")
  @argumentDefinitions(
    query: { type: "String!" }
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
  ) {
    search(query: $query, first: $count, after: $cursor) @connection(key: "lists_search") {
      edges {
        rank
        headline {
          html
        }
        node {
          ...listsArticleCard
        }
      }
    }
  }
`;

export const frontPageQuery = graphql`
  query listsFrontPageQuery {
    ...listsFrontPage
  }
`;

export const sectionQuery = graphql`
  query listsSectionQuery($slug: String!) {
    section(slug: $slug) {
      ...listsSectionArticles
    }
  }
`;

export const articleEdit = graphql`
  mutation listsUpdateHeadlineMutation($input: UpdateArticleInput!) {
    updateArticle(input: $input) {
      __typename
      ... on UpdateArticleSuccess {
        article {
          id
          headline
          version
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;
