// The linker's public types (re-exported by index.ts).

export type KnownEntity = { id: number; name: string; aliases: readonly string[] };

/** UTF-16 offsets into `paragraphs[paragraph]`, end exclusive; `text` is that slice. */
export type MentionSpan = { paragraph: number; start: number; end: number; text: string };

/** A known entity, with every place it is mentioned. */
export type LinkedEntity = { id: number; spans: MentionSpan[] };

/** A name the linker did not know; `aliases` are acronyms the article defined for it ("INE"). */
export type NewEntity = { name: string; description: string | null; aliases: string[]; spans: MentionSpan[] };

export type LinkResult = {
  people: LinkedEntity[];
  organizations: LinkedEntity[];
  newPeople: NewEntity[];
  newOrganizations: NewEntity[];
};

export type KnownDirectory = { people: readonly KnownEntity[]; organizations: readonly KnownEntity[] };
