import { NO_EMBEDDED_SCHEMAS, withMeshConfig, type EmbeddedKind, type EmbeddedSchemaSource } from './embedded';
import { type SchemaNode, SchemaScope } from './node';
import type { SchemaFile } from './types';

/** What the registry knows about one Istio kind, whatever its version. */
export interface KindInfo {
  readonly group: string;
  readonly kind: string;
  /** Served versions, oldest first. */
  readonly versions: readonly string[];
  readonly preferredVersion: string;
  readonly description?: string;
  readonly docUrl?: string;
  /** Where the schema was generated from (`@kubernetes-models/istio@3.0.1 (Istio 1.29.2 CRDs)`). */
  readonly source?: string;
}

/** The schema of one resource as a document names it (apiVersion + kind). */
export interface ResourceSchema {
  readonly info: KindInfo;
  readonly apiVersion: string;
  readonly version: string;
  /** False when the kind exists but not in this version of its group. */
  readonly served: boolean;
  readonly root: SchemaNode;
}

/**
 * The Istio JSON Schemas by (group, kind), as handed over by the host. Kinds are compiled into
 * navigable nodes on first use, so a worker thread that meets only VirtualServices never builds
 * the others. Served versions of a kind share one schema; fields present in some versions only
 * carry `x-istio-versions`, which SchemaNode.servedIn answers.
 */
export class SchemaRegistry {
  readonly kinds: readonly KindInfo[];
  private readonly files = new Map<string, SchemaFile>();
  private readonly scopes = new Map<string, SchemaScope>();
  private readonly groupSet: ReadonlySet<string>;
  private readonly embeddedScopes = new Map<EmbeddedKind, SchemaScope | null>();
  /** Kinds by group, then kind, and each kind's scope by its info: looked up for every resource. */
  private readonly byGroup = new Map<string, Map<string, KindInfo>>();
  private readonly scopeOf = new Map<KindInfo, SchemaScope>();

  constructor(
    files: readonly SchemaFile[],
    /** The mesh configuration documents' schemas (schemas/mesh), read on first use. */
    private readonly embeddedSource: EmbeddedSchemaSource = NO_EMBEDDED_SCHEMAS,
  ) {
    const kinds: KindInfo[] = [];
    for (const f of files) {
      const key = `${f.group}/${f.kind}`;
      this.files.set(key, f);
      const spec = f.schema.properties?.['spec'];
      kinds.push({
        group: f.group,
        kind: f.kind,
        versions: f.versions,
        preferredVersion: f.preferredVersion,
        description: f.schema.description ?? spec?.description,
        docUrl: f.schema['x-istio-doc-url'],
        source: f.source,
      });
    }
    kinds.sort((a, b) => (a.group === b.group ? compare(a.kind, b.kind) : compare(a.group, b.group)));
    this.kinds = kinds;
    for (const k of kinds) {
      let byKind = this.byGroup.get(k.group);
      if (!byKind) this.byGroup.set(k.group, (byKind = new Map()));
      if (!byKind.has(k.kind)) byKind.set(k.kind, k); // the first of namesakes, as kinds.find gives
    }
    this.groupSet = new Set(kinds.map(k => k.group));
  }

  get groups(): readonly string[] {
    return [...this.groupSet];
  }

  hasGroup(group: string): boolean {
    return this.groupSet.has(group);
  }

  kind(group: string, kind: string): KindInfo | undefined {
    return this.byGroup.get(group)?.get(kind);
  }

  kindsIn(group: string): KindInfo[] {
    return this.kinds.filter(k => k.group === group);
  }

  /** Every `group/version` some kind is served as. */
  apiVersions(): string[] {
    const out = new Set<string>();
    for (const k of this.kinds) for (const v of k.versions) out.add(`${k.group}/${v}`);
    return [...out];
  }

  /** The schema for a document's apiVersion and kind; undefined when the group has no such kind. */
  resource(apiVersion: string, kind: string): ResourceSchema | undefined {
    const slash = apiVersion.lastIndexOf('/');
    if (slash === -1) return undefined;
    const group = apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    const info = this.kind(group, kind);
    if (!info) return undefined;
    return { info, apiVersion, version, served: info.versions.includes(version), root: this.rootOf(info) };
  }

  /** The root schema node of a kind (apiVersion, kind, metadata, spec, status). */
  rootOf(info: KindInfo): SchemaNode {
    const known = this.scopeOf.get(info);
    if (known) return known.root;
    const key = `${info.group}/${info.kind}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      const file = this.files.get(key);
      if (!file) throw new Error(`no schema for ${key}`);
      const schema =
        key === 'install.istio.io/IstioOperator'
          ? withMeshConfig(file.schema, this.embeddedSource('MeshConfig'))
          : file.schema;
      scope = new SchemaScope(schema);
      this.scopes.set(key, scope);
    }
    this.scopeOf.set(info, scope);
    return scope.root;
  }

  /** The root of a mesh configuration document's schema (MeshConfig, ProxyConfig, MeshNetworks). */
  embedded(kind: EmbeddedKind): SchemaNode | undefined {
    let scope = this.embeddedScopes.get(kind);
    if (scope === undefined) {
      const file = this.embeddedSource(kind);
      scope = file ? new SchemaScope(file.schema) : null;
      this.embeddedScopes.set(kind, scope);
    }
    return scope?.root;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
