import type { GlobCompiler } from '../core/index/placements';
import { pathInside } from '../core/util/paths';
import { GlobSet } from './glob';

/**
 * Compiles the patterns of the `environments` setting: they match paths relative to any of the
 * roots (the workspace folders in the editor, the current directory in the CLI), in the glob
 * dialect of `istio.files.include`. Roots and files are file keys (core/util/paths), so this
 * works the same with Windows paths.
 */
export function environmentGlobs(roots: () => readonly string[]): GlobCompiler {
  return patterns => {
    const set = new GlobSet(patterns);
    return file =>
      roots().some(root => {
        const rel = pathInside(root, file);
        return rel !== undefined && rel !== '' && set.matches(rel);
      });
  };
}
