import * as fs from 'node:fs';
import * as path from 'node:path';

/** One served version of one kind, with the two upstream artefacts that describe it. */
export interface KindVersion {
  group: string;
  version: string;
  kind: string;
  /** TypeScript declarations: structure, doc comments, enums, required fields, oneofs. */
  declarationFile: string;
  /** ajv standalone validator compiled from the CRD: numeric bounds, lengths, integer-ness. */
  validatorFile: string;
}

export interface KindEntry {
  group: string;
  kind: string;
  /** Oldest first, by Kubernetes version priority (alpha < beta < GA). */
  versions: KindVersion[];
}

/**
 * Lists every kind the package ships, discovered from its `<group>/<version>/<Kind>.d.ts` layout
 * rather than hard-coded, so a version bump that adds a kind or a version shows up in the output
 * (and fails the generator until `messages.json` knows the kind's reference page).
 */
export function discoverKinds(packageDir: string): KindEntry[] {
  const byKey = new Map<string, KindEntry>();
  for (const group of listDirs(packageDir).filter(d => d.endsWith('.istio.io'))) {
    for (const version of listDirs(path.join(packageDir, group))) {
      const dir = path.join(packageDir, group, version);
      for (const file of fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.d.ts') && f !== 'index.d.ts')
        .sort()) {
        const kind = file.slice(0, -'.d.ts'.length);
        const key = `${group}/${kind}`;
        const entry = byKey.get(key) ?? { group, kind, versions: [] };
        byKey.set(key, entry);
        entry.versions.push({
          group,
          version,
          kind,
          declarationFile: path.join(dir, file),
          validatorFile: path.join(packageDir, '_schemas', `${pascal(group)}${pascal(version)}${kind}.js`),
        });
      }
    }
  }
  const entries = [...byKey.values()].sort((a, b) => compare(`${a.group}/${a.kind}`, `${b.group}/${b.kind}`));
  for (const entry of entries) entry.versions.sort((a, b) => compareKubeVersions(a.version, b.version));
  return entries;
}

/** Orders `v1alpha1 < v1alpha3 < v1beta1 < v1 < v2alpha1`, the Kubernetes version priority reversed. */
export function compareKubeVersions(a: string, b: string): number {
  return compare(versionKey(a), versionKey(b));
}

function versionKey(version: string): string {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) throw new Error(`unrecognised API version ${version}`);
  const stability = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2;
  return [match[1] ?? '0', String(stability), match[3] ?? '0'].map(n => n.padStart(4, '0')).join('.');
}

function pascal(segment: string): string {
  return segment
    .split('.')
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function listDirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => d.name)
    .sort(compare);
}

/** Locale-independent ordering, so output does not depend on the machine's ICU data. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
