import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from './canonicalJson';
import { compare, discoverKinds } from './catalog';
import { CRD_FILE, type CrdMergeStats, loadCrds, mergeCrd } from './crd';
import { checkResource } from './checks';
import { schemaFromDeclaration } from './declarations';
import { extractDefinitions } from './defs';
import { finalize } from './finalize';
import { type JsonSchema, clone } from './jsonSchema';
import { MessageCatalog, type MessagesOverlay } from './messages';
import { type OverlayEntry, applyOverlays, loadOverlays } from './overlays';
import { refineFromValidator } from './probe';
import { objectMetaSchema, resourceSchema } from './resource';
import { mergeVersions } from './versions';

/**
 * `npm run schemas`: regenerates `schemas/generated/` from `@kubernetes-models/istio` plus the
 * overlays in `schemas/overlays/`. With `--check`, writes nothing and exits 1 if the files on
 * disk are not exactly what would be generated (for CI and the unit test).
 */
export function main(argv: string[]): number {
  const root = path.resolve(__dirname, '..', '..', '..');
  const outDir = path.join(root, 'schemas', 'generated');
  const files = generateAll(root);
  if (argv.includes('--check')) {
    const problems = diffAgainstDisk(outDir, files);
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) console.error('schemas/generated is out of date: run `npm run schemas`');
    return problems.length > 0 ? 1 : 0;
  }
  writeAll(outDir, files);
  console.log(`wrote ${files.size} files to ${path.relative(root, outDir)}`);
  return 0;
}

/** Relative path under `schemas/generated/` → file content. */
export function generateAll(root: string): Map<string, string> {
  const packageDir = path.join(root, 'node_modules', '@kubernetes-models', 'istio');
  const overlayDir = path.join(root, 'schemas', 'overlays');
  const catalog = new MessageCatalog(readJson<MessagesOverlay>(path.join(overlayDir, 'messages.json')));
  const overlays = loadOverlays(overlayDir);
  const objectMeta = objectMetaSchema(findPackage(root, packageDir, '@kubernetes-models/apimachinery'));
  const crds = loadCrds(path.join(root, ...CRD_FILE));
  const source = `${describeCrdSource(root)} + ${describeSource(packageDir)}`;
  const stats: CrdMergeStats = { addedFields: [], addedEnumValues: [], rules: 0 };
  const used = new Set<OverlayEntry>();
  const files = new Map<string, string>();
  const index: unknown[] = [];

  for (const entry of discoverKinds(packageDir)) {
    const kindKey = `${entry.group}/${entry.kind}`;
    const page = catalog.pageFor(kindKey);
    const specs = entry.versions.map(v => {
      const declared = schemaFromDeclaration(v.declarationFile, v.kind, () => ({ type: 'object' }));
      refineFromValidator(declared, v.validatorFile, `${v.group}/${v.version}`, v.kind);
      return { version: v.version, schema: declared.properties?.['spec'] };
    });
    const present = specs.filter((s): s is { version: string; schema: JsonSchema } => s.schema !== undefined);
    const spec = present.length > 0 ? mergeVersions(present) : undefined;
    const crd = crds.get(kindKey);
    if (spec && crd?.spec) mergeCrd(spec, crd.spec, `${kindKey} spec`, stats);
    const resource = resourceSchema(entry, spec, spec ?? {});
    for (const field of crd?.required ?? [])
      if (resource.properties?.[field] && !resource.required?.includes(field))
        resource.required = [...(resource.required ?? []), field];
    resource['x-istio-doc-url'] = page;
    markDeprecatedFromDocs(resource);
    catalog.annotate(resource, kindKey);
    const definitions = extractDefinitions(resource, message => catalog.messageUrl(message, page));
    if (definitions['ObjectMeta']) throw new Error(`${kindKey}: a message named ObjectMeta clashes with metadata`);
    definitions['ObjectMeta'] = clone(objectMeta);
    resource.$defs = definitions;
    for (const applied of applyOverlays(overlays, kindKey, resource, definitions)) used.add(applied);
    checkResource(resource, kindKey);
    finalize(resource);

    const versions = entry.versions.map(v => v.version);
    const file = `${entry.group}/${entry.kind}.json`;
    const preferredVersion = versions[versions.length - 1];
    files.set(
      file,
      canonicalJson({ group: entry.group, kind: entry.kind, versions, preferredVersion, source, schema: resource }, [
        'group',
        'kind',
        'versions',
        'preferredVersion',
        'source',
        'schema',
      ]),
    );
    index.push({ group: entry.group, kind: entry.kind, versions, preferredVersion, file });
  }

  const unused = overlays.filter(o => !used.has(o));
  if (unused.length > 0) {
    throw new Error(
      `overlays that matched nothing:\n${unused.map(o => `  ${o.file}: ${o.target} ${o.path || '$message'}`).join('\n')}`,
    );
  }
  files.set('index.json', canonicalJson(index));
  if (process.env['ISTIO_LS_SCHEMA_VERBOSE']) {
    console.log(`CEL rules: ${stats.rules}`);
    for (const f of stats.addedFields) console.log(`added field ${f}`);
    for (const v of stats.addedEnumValues) console.log(`added enum value ${v}`);
  }
  return files;
}

/** Upstream marks some retired fields only in prose ("Deprecated: use `warmup` instead."). */
function markDeprecatedFromDocs(node: JsonSchema): void {
  for (const child of Object.values(node.properties ?? {})) {
    if (child.description && /^Deprecated\b/.test(child.description)) {
      child.deprecated = true;
      child.deprecationMessage = child.description;
    }
    markDeprecatedFromDocs(child);
  }
  if (node.items) markDeprecatedFromDocs(node.items);
  if (typeof node.additionalProperties === 'object') markDeprecatedFromDocs(node.additionalProperties);
}

function describeSource(packageDir: string): string {
  const manifest = readJson<{ name: string; version: string; 'crd-generate'?: { input?: string[] } }>(
    path.join(packageDir, 'package.json'),
  );
  const istio = (manifest['crd-generate']?.input ?? [])
    .map(url => /\/istio\/istio\/(\d+\.\d+\.\d+)\/manifests\/charts\/base\/files\//.exec(url)?.[1])
    .find(v => v !== undefined);
  return `${manifest.name}@${manifest.version}${istio ? ` (Istio ${istio} CRDs)` : ''}`;
}

/** The vendored CRD file's origin, from the README beside it. */
function describeCrdSource(root: string): string {
  const readme = fs.readFileSync(path.join(root, 'third_party', 'istio', 'README.md'), 'utf8');
  const commit = /istio\/istio at commit `([0-9a-f]{7})/.exec(readme)?.[1] ?? 'unknown';
  return `Istio CRDs (istio/istio@${commit} crd-all.gen.yaml)`;
}

function findPackage(root: string, from: string, name: string): string {
  for (const base of [path.join(from, 'node_modules'), path.join(root, 'node_modules')]) {
    const dir = path.join(base, ...name.split('/'));
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`cannot find ${name}`);
}

function diffAgainstDisk(outDir: string, files: Map<string, string>): string[] {
  const problems: string[] = [];
  const onDisk = new Set(listJson(outDir));
  for (const [file, content] of files) {
    const target = path.join(outDir, file);
    if (!onDisk.has(file)) problems.push(`missing: ${file}`);
    else if (fs.readFileSync(target, 'utf8') !== content) problems.push(`differs: ${file}`);
  }
  for (const file of onDisk) if (!files.has(file)) problems.push(`not generated: ${file}`);
  return problems;
}

function writeAll(outDir: string, files: Map<string, string>): void {
  for (const stale of listJson(outDir)) if (!files.has(stale)) fs.rmSync(path.join(outDir, stale));
  for (const [file, content] of files) {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) fs.writeFileSync(target, content);
  }
}

/** `*.json` files under `dir`, as `/`-separated relative paths, sorted. */
function listJson(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(d =>
      d.isDirectory()
        ? listJson(path.join(dir, d.name), `${prefix}${d.name}/`)
        : d.name.endsWith('.json')
          ? [`${prefix}${d.name}`]
          : [],
    )
    .sort(compare);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
