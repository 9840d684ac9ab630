import type { Str } from '../parse/access';
import type { Span } from '../parse/types';

/** Same shape as `Labels` in types.ts (which imports this module, so it is not imported here). */
type Labels = Readonly<Record<string, string>>;

/**
 * Summaries of Gateway API and ambient-mode references: plain data with the spans findings
 * point at. Defaults the CRDs apply are filled in (a parentRef's kind is Gateway, a backendRef's
 * kind is Service), so readers never re-apply them.
 */

/** A Kubernetes label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelectorSummary {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelExpression[];
}

export interface LabelExpression {
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist` (anything else never matches). */
  readonly operator: string;
  readonly values: readonly string[];
}

/** A route's `parentRefs` entry. */
export interface ParentRef {
  /** `gateway.networking.k8s.io` unless written. */
  readonly group: string;
  /** `Gateway` unless written. */
  readonly kind: string;
  readonly name: Str;
  /** Undefined when not written (the route's namespace). */
  readonly namespace?: Str;
  readonly sectionName?: Str;
  readonly port?: number;
  readonly portSpan?: Span;
  /** The whole entry. */
  readonly span: Span;
}

/** A route rule's `backendRefs` entry, or a `requestMirror` filter's `backendRef`. */
export interface BackendRef {
  /** `""` (core) unless written. */
  readonly group: string;
  /** `Service` unless written. */
  readonly kind: string;
  readonly name: Str;
  readonly namespace?: Str;
  readonly port?: number;
  readonly portSpan?: Span;
  readonly weight?: number;
  /** Index of the rule in `spec.rules`. */
  readonly ruleIndex: number;
  readonly mirror: boolean;
  readonly span: Span;
}

/** A listener of a Gateway API Gateway. */
export interface ListenerSummary {
  readonly name?: Str;
  readonly port?: number;
  readonly portSpan?: Span;
  readonly protocol?: string;
  readonly hostname?: Str;
  /** `tls.mode` when there is a `tls` block (the CRD defaults it to Terminate). */
  readonly tlsMode?: string;
  /** `allowedRoutes.namespaces.from`: Same (the default), All or Selector. */
  readonly allowedFrom: string;
  readonly allowedSelector?: LabelSelectorSummary;
  /** `allowedRoutes.kinds`; undefined when not written (every kind the protocol supports). */
  readonly allowedKinds?: readonly { readonly group: string; readonly kind: string }[];
  readonly certificateRefs?: readonly ObjectRef[];
  readonly span: Span;
}

/** A reference to an object by group, kind, optional namespace and name (certificateRefs, targetRefs). */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly name: Str;
  readonly namespace?: Str;
  readonly sectionName?: Str;
  readonly span: Span;
}

/** ReferenceGrant `spec.from[]`. */
export interface GrantFrom {
  readonly group: string;
  readonly kind: string;
  readonly namespace: Str;
  readonly span: Span;
}

/** ReferenceGrant `spec.to[]`; without a name it admits every object of the kind. */
export interface GrantTo {
  readonly group: string;
  readonly kind: string;
  readonly name?: Str;
  readonly span: Span;
}

/** The `istio.io/use-waypoint` label (with `istio.io/use-waypoint-namespace`) of a Namespace, Service or workload. */
export interface WaypointUse {
  /** The label value; `none` opts out of a namespace's waypoint. */
  readonly name: Str;
  readonly namespace?: Str;
}

/** An AuthorizationPolicy field ztunnel cannot enforce (HTTP attributes), as Istio lists them. */
export interface L7Field {
  /** `methods`, `paths`, `request.headers[x-user]`… */
  readonly name: string;
  readonly span: Span;
}
