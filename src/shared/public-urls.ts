/**
 * Where clients reach Lede's public addresses, each an absolute URL without a trailing slash:
 * `site` the site that shows articles and entity pages (LEDE_PUBLIC_SITE_URL), `api` the gateway
 * that serves `/media/` (LEDE_PUBLIC_API_URL). Either unset keeps its URLs relative paths.
 */
export type PublicUrls = { site?: string; api?: string };

/** `path` (starting with `/`) under `base`, or `path` itself when there is no base. */
export function underBase(base: string | undefined, path: string): string {
  return base === undefined ? path : `${base}${path}`;
}

/**
 * The problem with `value` as a public base URL, or undefined when it is one: absolute http(s),
 * with no query, fragment or credentials.
 */
export function publicBaseProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://www.example.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (value.includes('?') || value.includes('#')) return 'must have no query (?) or fragment (#)';
  if (url.username || url.password) return 'must have no user name or password';
  return undefined;
}

/** The base as URLs are built from it: normalised by the URL parser, without a trailing slash. */
export function normalisePublicBase(value: string): string {
  return new URL(value).href.replace(/\/+$/, '');
}

/** How a `url` field relates to `urlPath`, for the fields' descriptions. */
export const SITE_URL_RULE = 'absolute under LEDE_PUBLIC_SITE_URL when that is set, else the same path as `urlPath`.';
