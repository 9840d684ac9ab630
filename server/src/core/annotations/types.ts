/** One annotation or label from Istio's own list (istio/api `annotation/`, `label/`). */
export interface IstioName {
  readonly name: string;
  /** Markdown, as Istio writes it (links relative to istio.io). */
  readonly description?: string;
  /** Kinds it goes on (`Pod`, `Service`, `Namespace`, …, or `Any`). */
  readonly resources: readonly string[];
  readonly status?: string;
  readonly deprecated?: true;
  /** Set and read by Istio itself (not for users), or not documented. Known all the same. */
  readonly hidden?: true;
  /** The anchor of its istio.io reference entry, where Istio names it explicitly. */
  readonly anchor?: string;
}
