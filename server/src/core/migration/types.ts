/** Plain data, as YAML documents hold it. */
export type Plain = string | number | boolean | null | Plain[] | PlainMap;
export interface PlainMap {
  [key: string]: Plain;
}

/** An Istio resource the migration reads: its spec as plain data, and where it is written. */
export interface MigrationSource {
  readonly kind: 'Gateway' | 'VirtualService';
  readonly name: string;
  /** The effective namespace (metadata, kustomization or default). */
  readonly namespace: string;
  /** `metadata.namespace` as written; the generated resources write one only where the source did. */
  readonly explicitNamespace?: string;
  readonly spec: PlainMap;
  readonly file: string;
  /** 0-based line of the resource's first key, for the summary. */
  readonly line: number;
}

/** What the migration reads about the workspace besides the sources. */
export interface MigrationWorkspace {
  /** The port numbers of the Kubernetes Service `namespace/name`, or undefined when the workspace does not define it. */
  servicePorts(namespace: string, name: string): readonly number[] | undefined;
  /** The port numbers a ServiceEntry declares for `host`, or undefined when none does. */
  serviceEntryPorts(host: string): readonly number[] | undefined;
}

export interface MigrationInput {
  readonly gateway: MigrationSource;
  /** The VirtualServices bound to the gateway. */
  readonly virtualServices: readonly MigrationSource[];
  readonly workspace: MigrationWorkspace;
}

/**
 * Something the generated resources do not carry over, or carry over with a different meaning.
 * `warning`: behaviour changes unless the user acts; `info`: worth knowing.
 */
export interface MigrationNote {
  readonly severity: 'warning' | 'info';
  readonly source: MigrationSource;
  /** The field of the source, as a YAML path (`http[0].fault`). */
  readonly field: string;
  readonly message: string;
}

/** A generated resource, by kind and name, for summaries and tests. */
export interface GeneratedResource {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly object: PlainMap;
}

export interface MigrationResult {
  readonly resources: readonly GeneratedResource[];
  readonly notes: readonly MigrationNote[];
}
