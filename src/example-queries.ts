// Example operations shown in GraphiQL and the README; the tests run each one and check the README
// shows them verbatim.

export const FRONT_PAGE_QUERY = `# Front page: the 20 newest articles with section, bylines and who is mentioned.
query FrontPage {
  articles(first: 20) {
    totalCount
    edges {
      node {
        id
        headline
        standfirst
        urlPath
        publishedAt
        readingTimeMinutes
        section {
          name
          urlPath
        }
        bylines {
          role
          person {
            name
          }
        }
        mentionedOrganizations {
          mentionCount
          organization {
            name
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

export const ARTICLE_QUERY = `# A full article for a mobile screen, fetched by its slug.
query ArticleScreen($slug: String! = "council-approves-riverside-bike-lane-budget") {
  article(slug: $slug) {
    headline
    standfirst
    publishedAt
    updatedAt
    wordCount
    readingTimeMinutes
    section {
      name
      ancestors {
        name
      }
    }
    bylines {
      role
      person {
        name
        description
      }
    }
    paragraphs
    mentionedPeople {
      mentionCount
      person {
        name
        description
        urlPath
      }
    }
    mentionedOrganizations {
      mentionCount
      organization {
        name
        kind
      }
    }
  }
}
`;

export const PERSON_QUERY = `# A person's page: who they are, where they work, and the stories that mention them.
query PersonPage($slug: String! = "elena-voss") {
  person(slug: $slug) {
    name
    description
    affiliations {
      role
      since
      current
      organization {
        name
      }
    }
    mentionCount
    mentionedIn(first: 10) {
      edges {
        node {
          headline
          publishedAt
          urlPath
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

export const SEARCH_PAGE_QUERY = `# A search page: the best matches with highlighted snippets, and facets to narrow them.
query SearchPage($query: String! = "port security", $filter: ArticleFilter, $after: String) {
  search(query: $query, filter: $filter, first: 10, after: $after) {
    totalCount
    edges {
      rank
      headline {
        html
      }
      snippet {
        html
      }
      node {
        urlPath
        publishedAt
        section {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  facets(query: $query, filter: $filter) {
    sections(limit: 5) {
      count
      section {
        id
        name
      }
    }
    people(limit: 5) {
      count
      person {
        id
        name
      }
    }
    months(limit: 12) {
      count
      month
    }
  }
}
`;

export const SECTION_QUERY = `# A section page: breadcrumbs, subsections and the newest articles filed in it or below it.
query SectionPage($slug: String! = "world") {
  section(slug: $slug) {
    name
    description
    urlPath
    ancestors {
      name
      urlPath
    }
    children {
      name
      urlPath
      articleCount
    }
    articles(first: 10) {
      totalCount
      edges {
        node {
          headline
          standfirst
          urlPath
          publishedAt
          section {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

export const PREVIEW_QUERY = `# Preview: with an API key (reader role or above), lists include drafts, scheduled and archived
# articles. Without one you get the published articles only. Put your key in the Headers tab below.
query Preview {
  articles(first: 20) {
    edges {
      node {
        headline
        status
        publishedAt
        version
        urlPath
      }
    }
  }
}
`;

export const ENTITY_PAGE_QUERY = `# A person's or organization's page, found by its site path: who and what appears alongside it,
# coverage per month, and its latest stories with a few related ones each.
query EntityPage($path: String! = "/people/elena-voss") {
  route(path: $path) {
    redirectTo
    node {
      __typename
      ... on Person {
        name
        description
        coMentionedPeople(first: 5) {
          sharedArticles
          person {
            name
            urlPath
          }
        }
        coMentionedOrganizations(first: 5) {
          sharedArticles
          organization {
            name
            urlPath
          }
        }
        timeline(from: "2026-01") {
          month
          articles
        }
        mentionedIn(first: 5) {
          edges {
            node {
              headline
              urlPath
              publishedAt
              related(first: 3) {
                headline
                urlPath
              }
            }
          }
        }
      }
      ... on Organization {
        name
        kind
        coMentionedPeople(first: 5) {
          sharedArticles
          person {
            name
            urlPath
          }
        }
        timeline {
          month
          articles
        }
      }
    }
  }
}
`;

export const CURATED_FRONT_PAGE_QUERY = `# A curated front page: the editors' collections, each slot filled by a pin, a pick or the backfill,
# and the day's most read stories beside them.
query CuratedFront {
  top: collection(slug: "front/top") {
    ...CuratedCollection
  }
  world: collection(slug: "front/world") {
    ...CuratedCollection
  }
  sport: collection(slug: "front/sport") {
    ...CuratedCollection
  }
  mostRead(window: DAY, first: 5) {
    nodes {
      headline
      urlPath
    }
  }
}

fragment CuratedCollection on Collection {
  title
  items {
    position
    source
    article {
      headline
      standfirst
      urlPath
      publishedAt
      section {
        name
      }
    }
  }
}
`;

/** JSONC shown in the headers editor of examples that need a key; the commented line sends none. */
export const API_KEY_HEADERS = `{
  // Create a key with: npm run apikey -- create --role reader --name "GraphiQL"
  // then remove the two slashes below and paste it in place of <your key>.
  // "authorization": "Bearer <your key>"
}
`;

export type ExampleOperation = {
  /** The document, with a comment on what it shows. */
  query: string;
  /** Headers editor content (JSON with comments), for examples that need an API key. */
  headers?: string;
  /** The documentation file that shows it verbatim, from the project root. Default `README.md`. */
  docs?: string;
};

/**
 * The tabs GraphiQL opens with, in order. Each is also in the README (or its `docs` file) and run by the tests.
 */
export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  { query: FRONT_PAGE_QUERY },
  { query: CURATED_FRONT_PAGE_QUERY, docs: 'docs/curation.md' },
  { query: ARTICLE_QUERY },
  { query: SECTION_QUERY },
  { query: PERSON_QUERY },
  { query: SEARCH_PAGE_QUERY },
  { query: ENTITY_PAGE_QUERY },
  { query: PREVIEW_QUERY, headers: API_KEY_HEADERS },
];
