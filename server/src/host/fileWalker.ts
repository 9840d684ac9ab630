import { readdirSync, realpathSync, statSync, type Dirent } from 'fs';
import { FileScope } from './glob';
import { RACY_MS } from './indexCache';
import type { DirectoryStamps } from './publishedCache';
import { hostFileKey } from './paths';
import { nextTurn, TimeSlices } from './turns';

export interface WalkOptions {
  /** Which files to analyse (built once per settings); or the globs to build it from. */
  readonly scope?: FileScope;
  /** Workspace-relative globs; a file must match one (default: every .yaml/.yml). */
  readonly include?: readonly string[];
  /** Workspace-relative globs excluded from analysis (files.exclude, istio.files.exclude). */
  readonly exclude?: readonly string[];
  readonly log?: (message: string) => void;
  /**
   * Receives every directory walked with its modification time, taken before it is read (an entry
   * added, removed or renamed later gives it a newer one): the walk's result holds while none changed.
   */
  readonly directories?: (dir: string, mtimeMs: number, takenAt: number) => void;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Every YAML file under `root`, as file keys (core/util/paths.ts), in a stable order. Symbolic links are followed, but a directory
 * reached twice (a link loop) is walked once; unreadable directories are logged and skipped.
 * Directory reads are synchronous (a thread-pool round trip per directory made the walk mostly
 * waiting) in slices of a few milliseconds, so the event loop keeps turning.
 */
export async function walkYamlFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const scope = options.scope ?? new FileScope(options.include ?? [], options.exclude ?? [], options.log);
  const out: string[] = [];
  let rootReal: string;
  try {
    rootReal = hostFileKey(realpathSync(root));
  } catch {
    return out;
  }
  // Real paths of regular directories are derived from their parent's; only links cost a syscall.
  const visited = new Set<string>([rootReal]);
  const pending: { dir: string; real: string; rel: string }[] = [
    { dir: hostFileKey(root).replace(/\/$/, ''), real: rootReal.replace(/\/$/, ''), rel: '' },
  ];
  const slices = new TimeSlices(SLICE_MS);
  while (pending.length > 0) {
    if (slices.due()) await slices.next();
    const { dir, real, rel } = pending.pop() as { dir: string; real: string; rel: string };
    let entries: Dirent[];
    try {
      if (options.directories) {
        const takenAt = Date.now();
        options.directories(dir, statSync(dir).mtimeMs, takenAt);
      }
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      options.log?.(`Skipped directory ${dir}: ${(e as Error).message}`);
      continue;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (FileScope.isAlwaysSkipped(name)) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      if (scope.excludes(childRel)) continue;
      // File keys use `/` on every platform (see core/util/paths.ts); Node accepts them on Windows.
      const full = `${dir}/${name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = `${real}/${name}`;
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
          if (isDir) childReal = hostFileKey(realpathSync(full));
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (visited.has(childReal)) continue;
        visited.add(childReal);
        pending.push({ dir: full, real: childReal, rel: childRel });
      } else if (isFile && YAML_FILE.test(name) && scope.includes(childRel)) {
        out.push(full);
      }
    }
  }
  // Sorting tens of thousands of paths takes tens of milliseconds: in a turn of its own.
  await nextTurn();
  return out.sort();
}

const SLICE_MS = 10;

/**
 * The folders walked as indexing walks them, files sorted, with every directory's modification
 * time (a reopen stats the directories instead of reading them); the directories only if none
 * was modified less than `racyMs` before it was read (an entry added within the same tick would go unseen).
 */
export async function walkWithDirectories(
  folders: readonly string[],
  scope: FileScope,
  racyMs = RACY_MS,
): Promise<{ files: string[]; directories?: DirectoryStamps }> {
  const dirs: [string, number][] = [];
  let racy = false;
  const files: string[] = [];
  const directories = (dir: string, mtimeMs: number, takenAt: number) => {
    if (takenAt - mtimeMs <= racyMs) racy = true;
    dirs.push([dir, mtimeMs]);
  };
  for (const folder of folders) files.push(...(await walkYamlFiles(folder, { scope, directories })));
  files.sort();
  if (racy) return { files };
  dirs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { files, directories: { names: dirs.map(d => d[0]), mtimes: dirs.map(d => d[1]) } };
}
