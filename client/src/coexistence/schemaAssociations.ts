import { caseInsensitiveFileSystem, compileGlob } from '../../../shared/src/glob';

/**
 * What Red Hat's YAML extension (redhat.vscode-yaml, yaml-language-server) would apply to a file,
 * as far as it matters to us: does a `yaml.schemas` entry map the Kubernetes schema onto it?
 * With that mapping, its CRD store (`yaml.kubernetesCRDStore.enable`, on by default) fetches the
 * Istio CRD schemas, and the user gets its completions and hovers on top of ours.
 */
export interface KubernetesAssociation {
  /** The key in `yaml.schemas`: `kubernetes` or a Kubernetes JSON schema URL. */
  readonly schema: string;
  readonly patterns: readonly string[];
}

/** Entries of a `yaml.schemas` value that apply the Kubernetes schema. */
export function kubernetesAssociations(yamlSchemas: unknown): KubernetesAssociation[] {
  if (!yamlSchemas || typeof yamlSchemas !== 'object' || Array.isArray(yamlSchemas)) return [];
  const out: KubernetesAssociation[] = [];
  for (const [schema, value] of Object.entries(yamlSchemas as Record<string, unknown>)) {
    if (!isKubernetesSchema(schema)) continue;
    const patterns = (Array.isArray(value) ? value : [value]).filter((p): p is string => typeof p === 'string');
    if (patterns.length > 0) out.push({ schema, patterns });
  }
  return out;
}

/** `kubernetes` is yaml-language-server's keyword; the URLs are the schema sets people map by hand. */
export function isKubernetesSchema(schema: string): boolean {
  return (
    schema.toLowerCase() === 'kubernetes' ||
    /kubernetes-json-schema|datreeio\/crds-catalog|\/k8s[-_]?schemas?\//i.test(schema)
  );
}

/**
 * Whether an association's patterns select a file: some positive pattern matches and no `!`
 * pattern does (yaml-language-server accepts `!` exclusions in recent releases). Patterns are
 * matched as yaml-language-server does for relative globs: against the path's end, so `*.yaml`
 * and `/*.yaml` both match `deploy/a.yaml`.
 *
 * @param relativePath the file's path relative to its workspace folder, with `/` separators
 * @param uri the file's URI, for `!file:///…` exclusions
 */
export function associationMatches(patterns: readonly string[], relativePath: string, uri = ''): boolean {
  const positive = patterns.filter(p => !p.startsWith('!'));
  const negative = patterns.filter(p => p.startsWith('!')).map(p => p.slice(1));
  const matches = (p: string) => (p.startsWith('file://') ? p === uri : globMatchesPathEnd(p, relativePath));
  return positive.some(matches) && !negative.some(matches);
}

/**
 * Exclusions that take Istio files out of a broad Kubernetes association: one `!dir/**` per
 * directory that holds only Istio YAML, the files themselves elsewhere (a Deployment next to a
 * VirtualService keeps its Kubernetes schema).
 *
 * @param yamlFiles every YAML file of the folder (relative paths) with whether it is an Istio file
 */
export function istioExclusions(yamlFiles: ReadonlyMap<string, boolean>): string[] {
  const byDir = new Map<string, { istio: string[]; other: number }>();
  for (const [file, istio] of yamlFiles) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const entry = byDir.get(dir) ?? { istio: [], other: 0 };
    if (istio) entry.istio.push(file);
    else entry.other++;
    byDir.set(dir, entry);
  }
  const out: string[] = [];
  for (const [dir, { istio, other }] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    if (istio.length === 0) continue;
    if (other === 0 && dir !== '') out.push(`!${dir}/**`);
    else out.push(...istio.sort().map(f => `!${f}`));
  }
  return out;
}

/**
 * A `yaml.schemas` glob against a workspace-relative path, matched at the path's end as
 * yaml-language-server matches relative globs (shared/src/glob.ts, the server's matcher too). A
 * pattern that does not compile matches nothing.
 */
export function globMatchesPathEnd(glob: string, relativePath: string): boolean {
  const compiled = compileGlob(glob, {
    anchor: 'pathEnd',
    caseInsensitive: caseInsensitiveFileSystem(process.platform),
  });
  return compiled.ok && compiled.matches(relativePath);
}
