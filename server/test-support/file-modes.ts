/** Lists the permission bits of everything under a folder, for the data-folder tests. Imported by tests only. */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface Entry {
  /** Relative to the listed folder ("." for the folder itself). */
  readonly path: string;
  readonly kind: 'folder' | 'file' | 'link';
  readonly mode: number;
}

export async function modesUnder(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const visit = async (abs: string) => {
    const st = await lstat(abs);
    const kind = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'folder' : 'file';
    out.push({ path: path.relative(root, abs) || '.', kind, mode: st.mode & 0o777 });
    if (kind === 'folder') for (const name of await readdir(abs)) await visit(path.join(abs, name));
  };
  await visit(root);
  return out;
}

/** What is not owner-only: folders other than 0700, files other than 0600 (links are skipped). */
export async function notPrivate(root: string): Promise<string[]> {
  return (await modesUnder(root))
    .filter((e) => (e.kind === 'folder' && e.mode !== 0o700) || (e.kind === 'file' && e.mode !== 0o600))
    .map((e) => `${e.path} ${e.mode.toString(8)}`);
}
