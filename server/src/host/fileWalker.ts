import { promises as fs } from 'fs';
import * as path from 'path';
import { GlobSet } from './glob';

export interface WalkOptions {
  /** Workspace-relative globs; a file must match one (default: every .yaml/.yml). */
  readonly include?: readonly string[];
  /** Workspace-relative globs excluded from analysis (files.exclude, istio.files.exclude). */
  readonly exclude?: readonly string[];
  readonly log?: (message: string) => void;
}

/** Never descended into, whatever the settings say: they are never Istio configuration. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

/**
 * Every YAML file under `root`, in a stable order. Symbolic links are followed, but a directory
 * reached twice (a link loop) is walked once; unreadable directories are logged and skipped.
 */
export async function walkYamlFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const include = new GlobSet(options.include ?? []);
  const exclude = new GlobSet(options.exclude ?? []);
  const out: string[] = [];
  const visited = new Set<string>();
  const pending: string[] = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.log?.(`Skipped directory ${dir}: ${(e as Error).message}`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (!exclude.empty && exclude.matches(rel)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) pending.push(full);
      else if (isFile && YAML_FILE.test(entry.name) && (include.empty || include.matches(rel))) out.push(full);
    }
  }
  return out.sort();
}
