import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Picture files the importer looks for beside an article file, in this order. */
export const LEAD_IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif'];

/**
 * The picture beside an article file with the same name (`story.txt` + `story.jpg`, any case of
 * the extension), or null. Its type is checked from its bytes on upload, not from this name.
 */
export async function findLeadImageFile(articleFile: string): Promise<string | null> {
  const dir = path.dirname(articleFile);
  const base = path.basename(articleFile, path.extname(articleFile));
  const names = await readdir(dir);
  for (const extension of LEAD_IMAGE_EXTENSIONS) {
    const name = names.find((candidate) => candidate.toLowerCase() === `${base}${extension}`.toLowerCase());
    if (name) return path.join(dir, name);
  }
  return null;
}

export async function readLeadImage(articleFile: string): Promise<Buffer | undefined> {
  const file = await findLeadImageFile(articleFile);
  return file ? readFile(file) : undefined;
}
