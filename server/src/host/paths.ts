import { fileKey } from '../core/util/paths';

/** The key (core/util/paths.ts) of a path from this operating system: `C:\x\a.yaml` is `c:/x/a.yaml` on Windows. */
export function hostFileKey(path: string): string {
  return fileKey(path, process.platform === 'win32');
}
