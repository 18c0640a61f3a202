import type { Article, Organization, Person, Section } from '../../generated/prisma/client.ts';
import { type ArticleReader, findArticleBySlug } from '../articles/read-store.ts';
import { parseRoutePath } from './route-path.ts';
import type { SectionTree } from './tree.ts';

export type RedirectReason = 'FORMER_SLUG' | 'MOVED' | 'NOT_CANONICAL';

export type ResolvedRoute = {
  target:
    | { type: 'Article'; row: Article }
    | { type: 'Section'; row: Section }
    | { type: 'Person'; row: Person }
    | { type: 'Organization'; row: Organization };
  canonicalPath: string;
  redirectTo: string | null;
  redirectReason: RedirectReason | null;
};

/**
 * What a site path shows. Tried in this order: `/people/<slug>` and `/organizations/<slug>`, a
 * section's exact path, an article by its current or former slug (the last segment), and finally a
 * section by its slug alone (it moved). Null when nothing matches.
 */
export async function resolveRoute(
  reader: ArticleReader,
  sections: SectionTree,
  path: string,
): Promise<ResolvedRoute | null> {
  const { prisma } = reader;
  const { given, segments } = parseRoutePath(path);
  if (!segments || segments.length === 0) return null;
  const finish = (target: ResolvedRoute['target'], canonicalPath: string, moved?: RedirectReason) => {
    const redirect = given !== canonicalPath;
    return {
      target,
      canonicalPath,
      redirectTo: redirect ? canonicalPath : null,
      redirectReason: redirect ? (moved ?? 'NOT_CANONICAL') : null,
    } satisfies ResolvedRoute;
  };
  const [first, last] = [segments[0] as string, segments.at(-1) as string];

  if (segments.length === 2 && first === 'people') {
    const person = await prisma.person.findUnique({ where: { slug: last } });
    if (person) return finish({ type: 'Person', row: person }, `/people/${person.slug}`);
  }
  if (segments.length === 2 && first === 'organizations') {
    const organization = await prisma.organization.findUnique({ where: { slug: last } });
    if (organization) {
      return finish({ type: 'Organization', row: organization }, `/organizations/${organization.slug}`);
    }
  }

  const section = sections.bySlug(last);
  if (section && sections.path(section.id) === `/${segments.join('/')}`) {
    return finish({ type: 'Section', row: section }, sections.path(section.id));
  }

  if (segments.length >= 2) {
    const article = await findArticleBySlug(reader, last);
    if (article) {
      const canonical = `${sections.path(article.sectionId)}/${article.slug}`.replace(/^\/\//, '/');
      const reason =
        article.slug !== last ? 'FORMER_SLUG' : canonical !== `/${segments.join('/')}` ? 'MOVED' : undefined;
      return finish({ type: 'Article', row: article }, canonical, reason);
    }
  }

  if (section) return finish({ type: 'Section', row: section }, sections.path(section.id), 'MOVED');
  return null;
}
