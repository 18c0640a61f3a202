// Reader for the plain-text article format (shared/article-format.md). The full importer
// builds on this; the sample content is loaded with it.

export type ParsedArticle = {
  /** Local newsroom time as written, without a zone. */
  published: { year: number; month: number; day: number; hour: number; minute: number };
  /** Section names from the top level down, e.g. ["World", "Americas"]; empty when missing. */
  sectionPath: string[];
  headline: string;
  paragraphs: string[];
};

export class ArticleFormatError extends Error {
  constructor(
    readonly line: number,
    readonly expected: string,
  ) {
    super(`line ${line}: ${expected}`);
    this.name = 'ArticleFormatError';
  }
}

const HEADER = /^Published Date:\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})\s*(?:\/\s*(.*))?$/i;

export function parseArticle(text: string): ParsedArticle {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+$/, ''));

  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const headerLine = lines[headerIndex]?.trim() ?? '';
  const header = HEADER.exec(headerLine);
  if (!header) {
    throw new ArticleFormatError(
      headerIndex + 1 || 1,
      'expected a header such as "Published Date: 14.03.2026 09:45 / Section"',
    );
  }
  const [, day, month, year, hour, minute, section] = header.map((part) => part ?? '');
  const published = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
  };
  if (!isRealDateTime(published)) {
    throw new ArticleFormatError(
      headerIndex + 1,
      `"${day}.${month}.${year} ${hour}:${minute}" is not a real date and time (expected DD.MM.YYYY HH:MM, day first)`,
    );
  }

  const blocks = paragraphsAfter(lines, headerIndex + 1);
  const [headlineBlock, ...rest] = blocks;
  if (!headlineBlock) throw new ArticleFormatError(headerIndex + 2, 'expected a headline after the header');
  const headline = headlineBlock.text;
  const repeated = rest[0]?.text === headline ? rest[0] : undefined;
  const body = repeated ? rest.slice(1) : rest;
  if (body.length === 0) {
    throw new ArticleFormatError((repeated ?? headlineBlock).line + 1, 'expected body paragraphs after the headline');
  }

  return {
    published,
    sectionPath: (section ?? '')
      .split('/')
      .map((name) => name.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    headline,
    paragraphs: body.map((block) => block.text),
  };
}

/** Paragraphs are separated by blank lines; lines inside one paragraph are joined with a space. */
function paragraphsAfter(lines: string[], start: number): { text: string; line: number }[] {
  const blocks: { text: string; line: number }[] = [];
  let current: string[] = [];
  let currentLine = 0;
  for (let index = start; index <= lines.length; index++) {
    const line = lines[index]?.trim() ?? '';
    if (line === '') {
      if (current.length > 0) blocks.push({ text: current.join(' ').replace(/\s+/g, ' '), line: currentLine });
      current = [];
    } else {
      if (current.length === 0) currentLine = index + 1;
      current.push(line);
    }
  }
  return blocks;
}

function isRealDateTime(p: ParsedArticle['published']): boolean {
  if (p.hour > 23 || p.minute > 59 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day <= daysInMonth;
}

/** The instant a local newsroom time stands for in the given IANA time zone. */
export function toInstant(p: ParsedArticle['published'], timeZone = 'UTC'): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  // Correct by the zone's offset at that moment; a second pass settles times near a DST change.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass++) instant = asUtc - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function zoneOffsetMs(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(date.getTime() / 1000) * 1000;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** True for a time zone name `Intl` knows, such as `Europe/London`. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
