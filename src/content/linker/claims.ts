// Mentions compete for text: the longest claim wins, and no character belongs to two entities.

/** A candidate mention: `owner` identifies the entity (e.g. "person:3", "new-person:luc moreau"). */
export type Claim = { owner: string; paragraph: number; first: number; last: number; start: number; end: number };

/** Character ranges already taken, per paragraph, kept sorted by start. */
export class TakenSpans {
  private readonly byParagraph = new Map<number, { start: number; end: number }[]>();

  overlaps(paragraph: number, start: number, end: number): boolean {
    const spans = this.byParagraph.get(paragraph) ?? [];
    const index = firstEndingAfter(spans, start);
    const span = spans[index];
    return span !== undefined && span.start < end;
  }

  add(paragraph: number, start: number, end: number): void {
    const spans = this.byParagraph.get(paragraph) ?? [];
    spans.splice(firstEndingAfter(spans, start), 0, { start, end });
    this.byParagraph.set(paragraph, spans);
  }
}

// Spans never overlap, so sorting by start also sorts by end.
function firstEndingAfter(spans: readonly { start: number; end: number }[], position: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.end ?? 0) <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Accepts candidates longest first, skipping any that overlap text already taken. The same text
 * claimed by two different entities is ambiguous: it is taken, but linked to neither.
 */
export function resolveClaims<T extends Claim>(candidates: readonly T[], taken: TakenSpans): T[] {
  const ownersBySpan = new Map<string, Set<string>>();
  for (const claim of candidates) {
    const key = spanKey(claim);
    ownersBySpan.set(key, (ownersBySpan.get(key) ?? new Set()).add(claim.owner));
  }
  const ordered = [...candidates].sort(
    (a, b) =>
      b.last - b.first - (a.last - a.first) ||
      b.end - b.start - (a.end - a.start) ||
      a.paragraph - b.paragraph ||
      a.start - b.start ||
      compareText(a.owner, b.owner),
  );
  const accepted: T[] = [];
  for (const claim of ordered) {
    if (taken.overlaps(claim.paragraph, claim.start, claim.end)) continue;
    taken.add(claim.paragraph, claim.start, claim.end);
    if ((ownersBySpan.get(spanKey(claim))?.size ?? 0) === 1) accepted.push(claim);
  }
  return accepted;
}

function spanKey(claim: Claim): string {
  return `${claim.paragraph}:${claim.start}:${claim.end}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
