import { get, str, strings } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { KustomizationInfo } from '../types';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFile(file: string, kind: string): boolean {
  return isKustomizationPath(file) || kind === 'Kustomization';
}

/** By name alone: what indexing puts first, so listed files get their namespace straight away. */
export function isKustomizationPath(file: string): boolean {
  // Asked for every object: the base name is compared in place, not copied out.
  for (const name of KUSTOMIZATION_FILES) {
    const at = file.length - name.length;
    if (file.endsWith(name) && (at === 0 || file.charCodeAt(at - 1) === 47) /* / */) return true;
  }
  return false;
}

/** Kustomizations first, the rest in their given order. */
export function kustomizationsFirst(files: readonly string[]): string[] {
  const kustomizations: string[] = [];
  const others: string[] = [];
  for (const f of files) (isKustomizationPath(f) ? kustomizations : others).push(f);
  return kustomizations.concat(others);
}

export function extractKustomization(node: YNode): KustomizationInfo {
  const resources = ['resources', 'bases', 'components'].flatMap(key => strings(get(node, key)).map(s => s.value));
  return { namespace: str(get(node, 'namespace'))?.value, resources };
}
