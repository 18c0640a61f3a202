import { randomUUID } from 'node:crypto';

/**
 * A row's response as PostgreSQL wrote it (`ResponseText`), for the fields its `shape` names. It
 * stands in the execution result where that object's fields would; `stringifyResult` copies its
 * text into the response, and any other reader of the result sees its parsed value through
 * `toJSON` (the response cache, an ETag).
 */
export class WrittenResponse {
  constructor(
    readonly shape: string,
    readonly text: string,
  ) {}

  toJSON(): unknown {
    if (collecting) {
      collecting.push(this.text);
      return PLACE;
    }
    return JSON.parse(this.text);
  }
}

/** The texts met by the `JSON.stringify` under way in `stringifyResult`, if any. */
let collecting: string[] | undefined;

/** What a written response leaves in `JSON.stringify`'s output, for its text to replace: no data can hold it. */
const PLACE = `lede-written-response-${randomUUID()}`;
const PLACE_JSON = JSON.stringify(PLACE);

/** `JSON.stringify(result)`, with each written response's text copied in as it is. */
export function stringifyResult(result: unknown): string {
  const outer = collecting;
  const texts: string[] = [];
  collecting = texts;
  let json: string;
  try {
    json = JSON.stringify(result);
  } finally {
    collecting = outer;
  }
  if (texts.length === 0) return json;
  const parts = json.split(PLACE_JSON);
  if (parts.length !== texts.length + 1) throw new Error('written responses out of step with their places');
  let out = parts[0] as string;
  for (let index = 0; index < texts.length; index++) out += (texts[index] as string) + (parts[index + 1] as string);
  return out;
}
