import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import { applyPatches, FIELD_PATCHES } from './overlay';
import { messageSchema, type Schema } from './protoSchema';

/**
 * Writes `schemas/mesh/`: JSON Schemas of the mesh-wide configuration documents Istio reads from
 * YAML that no CRD describes — MeshConfig (IstioOperator `spec.meshConfig`, the `istio`
 * ConfigMap's `mesh`), ProxyConfig (`meshConfig.defaultConfig`, the `proxy.istio.io/config`
 * annotation) and MeshNetworks (the ConfigMap's `meshNetworks`) — generated with protobufjs from
 * the protos vendored in third_party/istio/api. Same format as schemas/generated (schemas/README.md),
 * listed in schemas/mesh/index.json. `--check` writes nothing and exits 1 when the files differ.
 */

const DOCUMENTS = [
  { kind: 'MeshConfig', message: 'istio.mesh.v1alpha1.MeshConfig' },
  { kind: 'ProxyConfig', message: 'istio.mesh.v1alpha1.ProxyConfig' },
  { kind: 'MeshNetworks', message: 'istio.mesh.v1alpha1.MeshNetworks' },
] as const;

const GROUP = 'mesh.istio.io';
const VERSION = 'v1alpha1';
const SOURCE = 'istio/api@b8f8791d9653b2edc77a071d48887e582cfe84bf mesh/v1alpha1 protos';
const REFERENCE = 'https://istio.io/latest/docs/reference/config';

/** istio.io pages of the proto files the mesh protos reach. */
const PAGES: Readonly<Record<string, string>> = {
  'mesh/v1alpha1/config.proto': `${REFERENCE}/istio.mesh.v1alpha1/`,
  'mesh/v1alpha1/proxy.proto': `${REFERENCE}/istio.mesh.v1alpha1/`,
  'mesh/v1alpha1/network.proto': `${REFERENCE}/istio.mesh.v1alpha1/`,
  'networking/v1alpha3/destination_rule.proto': `${REFERENCE}/networking/destination-rule/`,
  'networking/v1alpha3/virtual_service.proto': `${REFERENCE}/networking/virtual-service/`,
  'networking/v1alpha3/workload_entry.proto': `${REFERENCE}/networking/workload-entry/`,
  'networking/v1alpha3/workload_group.proto': `${REFERENCE}/networking/workload-group/`,
  'networking/v1beta1/proxy_config.proto': `${REFERENCE}/networking/proxy-config/`,
  'type/v1beta1/selector.proto': `${REFERENCE}/type/workload-selector/`,
};

export function main(argv: string[]): number {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const outDir = path.join(root, 'schemas', 'mesh');
  const files = generateMeshSchemas(root);
  if (argv.includes('--check')) {
    const problems: string[] = [];
    for (const [name, content] of files) {
      const file = path.join(outDir, name);
      if (!fs.existsSync(file)) problems.push(`missing: schemas/mesh/${name}`);
      else if (fs.readFileSync(file, 'utf8') !== content) problems.push(`differs: schemas/mesh/${name}`);
    }
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) console.error('schemas/mesh is out of date: run `npm run build`');
    return problems.length > 0 ? 1 : 0;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, content] of files) {
    const file = path.join(outDir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) fs.writeFileSync(file, content);
  }
  return 0;
}

/** File name under schemas/mesh/ → content. */
export function generateMeshSchemas(root: string): Map<string, string> {
  const protoRoot = path.join(root, 'third_party', 'istio', 'api');
  const descriptor = path.join(path.dirname(require.resolve('protobufjs/package.json')), 'google', 'protobuf');
  const pb = new protobuf.Root();
  pb.resolvePath = (_origin, target) => {
    if (target === 'google/protobuf/descriptor.proto') return path.join(descriptor, 'descriptor.proto');
    if (target.startsWith('google/protobuf/')) return target; // protobufjs's bundled well-known types
    return path.join(protoRoot, target);
  };
  pb.loadSync(['mesh/v1alpha1/config.proto', 'mesh/v1alpha1/network.proto'], {
    keepCase: true,
    alternateCommentMode: true,
  });
  pb.resolveAll();
  const pageOf = (file: string) => PAGES[path.relative(protoRoot, file).split(path.sep).join('/')];
  const used = new Set<string>();
  const files = new Map<string, string>();
  const index: Schema[] = [];
  for (const doc of DOCUMENTS) {
    const schema = messageSchema(pb.lookupType(doc.message), { pageOf });
    applyPatches(schema, doc.kind, used);
    const file = `${doc.kind}.json`;
    const content = {
      group: GROUP,
      kind: doc.kind,
      versions: [VERSION],
      preferredVersion: VERSION,
      source: SOURCE,
      schema,
    };
    files.set(file, stableJson(content));
    index.push({ group: GROUP, kind: doc.kind, versions: [VERSION], preferredVersion: VERSION, file });
  }
  const unused = Object.keys(FIELD_PATCHES).filter(k => !used.has(k));
  if (unused.length > 0) throw new Error(`overlay patches that matched nothing: ${unused.join(', ')}`);
  files.set('index.json', stableJson(index));
  return files;
}

/** Keys in insertion order (the generator inserts deterministically), two-space indentation. */
function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
