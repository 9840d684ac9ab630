import { get, str, strings } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { KustomizationInfo } from '../types';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFile(file: string, kind: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return KUSTOMIZATION_FILES.includes(base) || kind === 'Kustomization';
}

export function extractKustomization(node: YNode): KustomizationInfo {
  const resources = ['resources', 'bases', 'components'].flatMap(key => strings(get(node, key)).map(s => s.value));
  return { namespace: str(get(node, 'namespace'))?.value, resources };
}
