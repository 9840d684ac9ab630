import { parentPort, workerData } from 'worker_threads';
import { Analyzer } from '../../server/src/core/analysis/analyzer';
import { completion } from '../../server/src/core/features/completion';
import { documentSymbols } from '../../server/src/core/features/documentSymbols';
import { hover } from '../../server/src/core/features/hover';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { toInput } from '../../server/src/host/fileInput';
import { loadSchemas } from '../../server/src/host/schemaLoader';
import * as generators from './generators';

/**
 * Runs one hostile case on a thread of its own, so that a case gone exponential fails its test
 * (the thread is terminated at the limit) instead of hanging the suite. Analyses the generated
 * file as the server's workers do, then (optionally) asks hover, completion and the outline at
 * offsets spread over it. Posts the milliseconds each part took and the findings.
 */
export interface CaseRequest {
  readonly generator: keyof typeof generators;
  readonly args: readonly number[];
  readonly file: string;
  readonly features?: boolean;
}

export interface CaseResult {
  readonly analyseMs: number;
  /** The slowest single hover, completion or outline request. */
  readonly slowestFeatureMs: number;
  readonly findings: readonly { readonly ruleId: string; readonly message: string }[];
  readonly resources: number;
}

const WARM_UP = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: warm}
spec:
  host: warm
  subsets: [{name: v1, labels: {version: v1}}]
`;

const request = workerData as CaseRequest;
const generate = generators[request.generator] as (...args: number[]) => string;
const text = generate(...request.args);
const log = () => undefined;
// The first analysis compiles the code and loads the schemas: not what the case measures.
toInput('/warm/warm.yaml', { ok: true, text: WARM_UP }, DEFAULT_SETTINGS, log);
const started = performance.now();
const input = toInput(request.file, { ok: true, text }, DEFAULT_SETTINGS, log);
const analyseMs = performance.now() - started;
let slowestFeatureMs = 0;
const timed = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  slowestFeatureMs = Math.max(slowestFeatureMs, performance.now() - t);
};
if (request.features) {
  const analyzer = new Analyzer(DEFAULT_SETTINGS, undefined, undefined, loadSchemas());
  analyzer.update([input]);
  const cc = {
    index: analyzer.index,
    readText: () => text,
    schemas: loadSchemas(),
    settings: DEFAULT_SETTINGS,
  };
  timed(() => documentSymbols(cc, request.file, text));
  for (let offset = 0; offset < text.length; offset += Math.max(1, Math.floor(text.length / 20))) {
    timed(() => hover(cc, request.file, text, offset));
    timed(() => completion(cc, request.file, text, offset));
  }
}
const summary = 'summary' in input ? input.summary : undefined;
const result: CaseResult = {
  analyseMs,
  slowestFeatureMs,
  findings: (summary?.findings ?? []).map(f => ({ ruleId: f.ruleId, message: f.message })),
  resources: summary?.resources.length ?? 0,
};
parentPort?.postMessage(result);
