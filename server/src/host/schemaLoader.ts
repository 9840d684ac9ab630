import * as fs from 'fs';
import * as path from 'path';
import type { EmbeddedKind, EmbeddedSchemaSource } from '../core/schema/embedded';
import { SchemaRegistry } from '../core/schema/registry';
import type { SchemaFile } from '../core/schema/types';

/** Relative to the package root: where `npm run schemas` writes and .vscodeignore ships. */
export const SCHEMA_DIR = path.join('schemas', 'generated');

/**
 * The package root's `schemas/generated`, found by walking up from this file: it runs as
 * out/server/src/host/schemaLoader.js (tsc, tests), inside dist/server.js, dist/cli.js and
 * dist/summaryWorker.js (esbuild bundles), and from the installed extension or npm package.
 */
export function findSchemaDir(from: string = __dirname): string | undefined {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, SCHEMA_DIR);
    if (fs.existsSync(path.join(candidate, 'index.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Reads every kind listed in `index.json`. Throws when the directory is missing or corrupt. */
export function readSchemaFiles(dir: string): SchemaFile[] {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { file: string }[];
  return index.map(entry => JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8')) as SchemaFile);
}

let loaded: SchemaRegistry | undefined;

/**
 * The registry of the schemas shipped with this package, read once per thread (they never change
 * while the process runs). Without them (a broken install) the registry is empty: completion,
 * hover and the `schema` rule then do nothing, and the rest of the analysis carries on.
 */
export function loadSchemas(log: (message: string) => void = () => undefined): SchemaRegistry {
  if (loaded) return loaded;
  const dir = findSchemaDir();
  let files: SchemaFile[] = [];
  if (!dir) log(`Istio schemas not found above ${__dirname}: completion, hover and schema validation are off.`);
  else {
    try {
      files = readSchemaFiles(dir);
    } catch (e) {
      log(`Istio schemas in ${dir} could not be read (${String(e)}): completion, hover and schema validation are off.`);
    }
  }
  loaded = new SchemaRegistry(files, dir ? meshSchemaSource(dir, log) : undefined);
  return loaded;
}

/**
 * The mesh configuration schemas (schemas/mesh/<Kind>.json, beside schemas/generated), read when
 * a document first needs one: most workspaces hold no MeshConfig, and the files are large.
 */
export function meshSchemaSource(
  generatedDir: string,
  log: (message: string) => void = () => undefined,
): EmbeddedSchemaSource {
  const dir = path.join(generatedDir, '..', 'mesh');
  const cache = new Map<EmbeddedKind, SchemaFile | undefined>();
  return kind => {
    if (cache.has(kind)) return cache.get(kind);
    let file: SchemaFile | undefined;
    try {
      file = JSON.parse(fs.readFileSync(path.join(dir, `${kind}.json`), 'utf8')) as SchemaFile;
    } catch (e) {
      log(`The ${kind} schema in ${dir} could not be read (${String(e)}): ${kind} documents are not checked.`);
    }
    cache.set(kind, file);
    return file;
  };
}
