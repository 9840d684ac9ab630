import * as path from 'path';
import type { GlobCompiler } from '../core/index/placements';
import { GlobSet } from './glob';

/**
 * Compiles the patterns of the `environments` setting: they match paths relative to any of the
 * roots (the workspace folders in the editor, the current directory in the CLI), in the glob
 * dialect of `istio.files.include`.
 */
export function environmentGlobs(roots: () => readonly string[]): GlobCompiler {
  return patterns => {
    const set = new GlobSet(patterns);
    return file =>
      roots().some(root => {
        const rel = path.relative(root, file).split(path.sep).join('/');
        return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && set.matches(rel);
      });
  };
}
