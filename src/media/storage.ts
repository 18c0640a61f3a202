import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where image bytes live, by key (`<sha256>/original`, `<sha256>/640.webp`…). Small on purpose,
 * so an object store (S3 and the like) can stand in for the filesystem later.
 */
export interface MediaStorage {
  /** Stores the bytes under the key; an existing object is replaced whole, never half-written. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** Human-readable location, for logs. */
  readonly description: string;
}

const KEY = /^[a-f0-9]{64}\/[a-z0-9.-]{1,64}$/;

/** Objects as files under one folder: `<dir>/<first two hex digits>/<hash>/<name>`. */
export class FileMediaStorage implements MediaStorage {
  constructor(readonly dir: string) {}

  get description() {
    return this.dir;
  }

  private file(key: string): string {
    // Keys are made by Lede, never taken from a request unchecked; this guards against mistakes.
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid media key: ${key}`);
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed into place: readers (and other processes) see all of it or none.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.file(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

/**
 * A storage in a new temporary folder (for `memory://` databases), made only when the first image
 * is stored, so gateways that never see one leave nothing behind; `remove` deletes it.
 */
export async function temporaryMediaStorage(): Promise<FileMediaStorage & { remove: () => Promise<void> }> {
  const dir = path.join(tmpdir(), `lede-media-${process.pid}-${randomBytes(6).toString('hex')}`);
  const storage = new FileMediaStorage(dir) as FileMediaStorage & { remove: () => Promise<void> };
  storage.remove = () => rm(dir, { recursive: true, force: true });
  return storage;
}
