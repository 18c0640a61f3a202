import type { TestGateway } from './gateway.ts';

/** Builds test content through the editorial mutations, as a newsroom would, with an editor key. */
export class Newsroom {
  private constructor(
    private readonly lede: TestGateway,
    private readonly editor: string,
  ) {}

  static async open(lede: TestGateway): Promise<Newsroom> {
    return new Newsroom(lede, await lede.apiKey('EDITOR'));
  }

  private async mutate(field: string, inputType: string, input: Record<string, unknown>, selection: string) {
    const result = await this.lede.data(
      `mutation ($input: ${inputType}!) { ${field}(input: $input) { __typename ... on Error { message } ${selection} } }`,
      { input },
      { apiKey: this.editor },
    );
    const payload = result[field];
    if (payload.__typename.endsWith('Error')) throw new Error(`${field}: ${JSON.stringify(payload)}`);
    return payload;
  }

  async section(name: string, parent?: string): Promise<string> {
    const payload = await this.mutate(
      'createSection',
      'CreateSectionInput',
      { name, parent },
      '... on CreateSectionSuccess { section { id } }',
    );
    return payload.section.id;
  }

  async person(name: string): Promise<string> {
    const payload = await this.mutate(
      'createPerson',
      'CreatePersonInput',
      { name },
      '... on CreatePersonSuccess { person { id } }',
    );
    return payload.person.id;
  }

  async organization(name: string): Promise<string> {
    const payload = await this.mutate(
      'createOrganization',
      'CreateOrganizationInput',
      { name, kind: 'OTHER' },
      '... on CreateOrganizationSuccess { organization { id } }',
    );
    return payload.organization.id;
  }

  /** A published article (unless `status` says otherwise); mentions map entity IDs to counts. */
  async article(input: {
    headline: string;
    section: string;
    publishedAt?: string;
    status?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
    standfirst?: string;
    slug?: string;
    people?: Record<string, number>;
    organizations?: Record<string, number>;
  }): Promise<{ id: string; slug: string }> {
    const mentions = (counts: Record<string, number> = {}) =>
      Object.entries(counts).map(([entity, count]) => ({ entity, count }));
    const payload = await this.mutate(
      'createArticle',
      'CreateArticleInput',
      {
        headline: input.headline,
        slug: input.slug,
        standfirst: input.standfirst,
        section: input.section,
        paragraphs: [`${input.headline}.`],
        status: input.status ?? 'PUBLISHED',
        publishedAt: input.publishedAt,
        mentionedPeople: mentions(input.people),
        mentionedOrganizations: mentions(input.organizations),
      },
      '... on CreateArticleSuccess { article { id slug } }',
    );
    return payload.article;
  }
}
