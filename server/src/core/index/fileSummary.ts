import type { LineStarts } from '../parse/lineIndex';
import type { Directive } from '../parse/types';
import type { Resource } from '../model/types';
import type { Finding } from '../model/finding';

/**
 * All the workspace keeps of one file: summaries, the single-file findings and what is needed to
 * place findings (line starts) and suppress them (directives). Plain data, so it can be built
 * in a worker thread and so a closed file costs no YAML tree.
 */
export interface FileSummary {
  readonly file: string;
  readonly lineStarts: LineStarts;
  readonly resources: readonly Resource[];
  readonly directives: readonly Directive[];
  /** YAML syntax problems and single-resource rule findings. */
  readonly findings: readonly Finding[];
  /** True when the file holds at least one Istio or Gateway API resource (or broken YAML that looks like one). */
  readonly hasIstio: boolean;
  /** Documents with YAML syntax errors: their summaries are partial and may be replaced by the last good ones. */
  readonly brokenDocs: readonly number[];
}
