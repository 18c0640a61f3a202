export const MAX_ROUTE_PATH_CHARACTERS = 2048;
/** Deeper than any section tree: such a path is answered as unknown without looking. */
const MAX_SEGMENTS = 32;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class RoutePathError extends Error {}

export type ParsedPath = {
  /** The path as given, without query string or fragment, for comparing with the canonical one. */
  given: string;
  /** Decoded, lowercased segments; null when one of them cannot be a slug, so nothing can match. */
  segments: string[] | null;
};

/**
 * Reads a site path, or a full URL (only its path counts): the query string and fragment are
 * dropped, repeated and trailing slashes ignored, each segment percent-decoded and lowercased.
 */
export function parseRoutePath(input: string): ParsedPath {
  if (input.length > MAX_ROUTE_PATH_CHARACTERS) {
    throw new RoutePathError(`must be at most ${MAX_ROUTE_PATH_CHARACTERS} characters`);
  }
  let path = input.trim();
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (absolute) path = path.slice(absolute[0].length);
  path = path.replace(/[?#].*$/s, '');
  const given = path.startsWith('/') ? path : `/${path}`;
  const raw = path.split('/').filter((segment) => segment !== '');
  if (raw.length > MAX_SEGMENTS) return { given, segments: null };
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new RoutePathError(`"${segment.slice(0, 40)}" is not valid percent-encoding`);
    }
    const slug = decoded.toLowerCase();
    if (!SLUG.test(slug)) return { given, segments: null };
    segments.push(slug);
  }
  return { given, segments };
}
