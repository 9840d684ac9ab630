import { dirname, relativePath } from '../../util/paths';

/**
 * Another file as messages and fix titles name it: relative to the reporting file's folder
 * (`dr.yaml`, `../team/dr.yaml`), or `this file`. Core knows no workspace folders; relative to
 * the file at hand is short and unambiguous.
 */
export function otherFile(from: string, other: string): string {
  return other === from ? 'this file' : relativePath(dirname(from), other);
}
