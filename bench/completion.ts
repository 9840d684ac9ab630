/**
 * Completion and hover latency (issue #3): a 1,000-line multi-document Istio file, completion
 * asked at the end of every line and on a new blank line under every line (the positions users
 * type at), with the workspace index holding 60,000 other resources.
 *
 *   npm run bench:completion                       # in-process, then over stdio (real server)
 *   node out/bench/completion.js [--rounds N] [--no-lsp] [--corpus DIR]
 *
 * In-process figures time core completion() and hover() alone; the stdio figures are request
 * round trips to out/server/src/main.js, whose workspace is the file plus DIR when given (e.g.
 * bench/corpus/large, 60k resources, indexed before timing). Goal: p99 under 20 ms.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Analyzer } from '../server/src/core/analysis/analyzer';
import { completion, type CompletionContext } from '../server/src/core/features/completion';
import { hover } from '../server/src/core/features/hover';
import type { FileSummary } from '../server/src/core/index/fileSummary';
import type { Resource } from '../server/src/core/model/types';
import type { Str } from '../server/src/core/parse/access';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { loadSchemas } from '../server/src/host/schemaLoader';
import { LspDriver, uriOf } from './harness/lspDriver';
import { percentile, table, type Row } from './harness/stats';

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const ROUNDS = Number(opt('rounds', '3'));
const CORPUS = opt('corpus', '');
const FILE = '/bench/ws/mesh/routing.yaml';

async function main(): Promise<void> {
  const text = thousandLineFile();
  const lines = text.split('\n').length;
  const cases = positions(text);
  process.stdout.write(
    `file: ${lines} lines, ${text.split('\n---\n').length} documents; ${cases.length} cursor positions × ${ROUNDS} rounds\n`,
  );

  const { analyzer, resources } = workspace(text);
  const cc: CompletionContext = {
    index: analyzer.index,
    readText: f => (f === FILE ? text : undefined),
    schemas: loadSchemas(),
    settings: DEFAULT_SETTINGS,
  };
  const completionMs: number[] = [];
  const hoverMs: number[] = [];
  let answered = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of cases) {
      const t0 = performance.now();
      const r = completion(cc, FILE, c.text, c.offset);
      const ms = performance.now() - t0;
      const t1 = performance.now();
      hover(cc, FILE, text, Math.min(c.offset, text.length));
      const hms = performance.now() - t1;
      // Round 0 warms the JIT and the lazily compiled schemas.
      if (round === 0) continue;
      completionMs.push(ms);
      hoverMs.push(hms);
      if (r && r.items.length > 0) answered++;
    }
  }
  const rows: Row[] = [
    {
      name: `completion, in-process (${resources.toLocaleString('en')} resources indexed)`,
      values: completionMs,
      unit: 'ms',
      goal: 'p99 < 20',
    },
    { name: 'hover, in-process (parses the file)', values: hoverMs, unit: 'ms' },
  ];
  process.stdout.write(`${Math.round((answered / completionMs.length) * 100)}% of the positions got items\n`);

  if (!args.includes('--no-lsp')) rows.push(...(await overStdio(text, cases)));
  process.stdout.write(`${table(rows)}\n`);
  const p99 = percentile(completionMs, 99);
  process.stdout.write(`max in-process completion: ${Math.max(...completionMs).toFixed(2)} ms\n`);
  process.exitCode = p99 < 20 ? 0 : 1;
}

interface Position {
  readonly text: string;
  readonly offset: number;
}

/** The end of every line, and a new blank line under every line at the indentation of its content. */
function positions(text: string): Position[] {
  const out: Position[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    out.push({ text, offset: end });
    if (line.trim() !== '' && line.trim() !== '---') {
      const indent =
        line.length -
        line.trimStart().length +
        (line.trimStart().startsWith('- ') ? 2 : 0) +
        (line.trimEnd().endsWith(':') ? 2 : 0);
      const inserted = `\n${' '.repeat(indent)}`;
      out.push({ text: text.slice(0, end) + inserted + text.slice(end), offset: end + inserted.length });
    }
    start = end + 1;
  }
  return out;
}

/** ~1,000 lines: VirtualServices, DestinationRules, Gateways, policies and ServiceEntries in turn. */
function thousandLineFile(): string {
  const docs: string[] = [];
  for (let i = 0; docs.join('\n---\n').split('\n').length < 1000; i++) {
    const name = `svc-${i}`;
    switch (i % 5) {
      case 0:
        docs.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: team-7
spec:
  hosts:
  - ${name}
  gateways:
  - istio-system/public
  - mesh
  http:
  - name: canary
    match:
    - headers:
        end-user:
          exact: jason
      uri:
        prefix: /api
    route:
    - destination:
        host: ${name}
        subset: v2
      weight: 90
    - destination:
        host: ${name}
        subset: v1
      weight: 10
    timeout: 5s
    retries:
      attempts: 3
      perTryTimeout: 2s
      retryOn: 5xx,connect-failure
  - route:
    - destination: {host: ${name}, subset: v1}`);
        break;
      case 1:
        docs.push(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: team-7
spec:
  host: ${name}
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 100}
      http:
        http2MaxRequests: 1000
        maxRequestsPerConnection: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 30s
      baseEjectionTime: 1m
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      loadBalancer:
        simple: LEAST_REQUEST`);
        break;
      case 2:
        docs.push(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw-${i}
  namespace: team-7
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts:
    - "${name}.example.com"
    tls:
      mode: SIMPLE
      credentialName: ${name}-cert`);
        break;
      case 3:
        docs.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: team-7
spec:
  selector:
    matchLabels:
      app: ${name}
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/team-7/sa/${name}"]
    to:
    - operation:
        methods: ["GET", "POST"]
        paths: ["/api/*"]`);
        break;
      default:
        docs.push(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}-ext
  namespace: team-7
spec:
  hosts:
  - ${name}.external.example.com
  location: MESH_EXTERNAL
  ports:
  - number: 443
    name: https
    protocol: TLS
  resolution: DNS`);
    }
  }
  return `${docs.join('\n---\n')}\n`;
}

/**
 * 60,000 resources (per service a Service, a Deployment, a VirtualService and a DestinationRule
 * with two subsets, over 50 namespaces), built as summaries, plus the benchmark file itself.
 */
function workspace(text: string): { analyzer: Analyzer; resources: number } {
  const analyzer = new Analyzer(DEFAULT_SETTINGS, undefined, undefined, loadSchemas());
  analyzer.setCrossFileEnabled(false);
  const summaries: FileSummary[] = [];
  for (let i = 0; i < 15_000; i++) {
    const ns = `team-${i % 50}`;
    const name = `svc-${i}`;
    const file = `/bench/ws/${ns}/${name}.yaml`;
    const s = (value: string, start: number): Str => ({ value, span: { start, end: start + value.length } });
    const base = (docIndex: number, kind: string, apiVersion: string): Resource => ({
      id: `${file}#${docIndex}`,
      file,
      docIndex,
      span: { start: docIndex * 1000, end: docIndex * 1000 + 999 },
      apiVersion,
      group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
      version: 'v1',
      kind,
      name,
      nameSpan: { start: docIndex * 1000 + 10, end: docIndex * 1000 + 10 + name.length },
      explicitNamespace: ns,
      namespace: ns,
      labels: {},
      suppress: [],
      incomplete: false,
    });
    const resources: Resource[] = [
      { ...base(0, 'Service', 'v1'), serviceSelector: { app: name }, serviceType: 'ClusterIP' },
      { ...base(1, 'Deployment', 'apps/v1'), podLabels: { app: name, version: 'v1' } },
      {
        ...base(2, 'VirtualService', 'networking.istio.io/v1'),
        hosts: [s(name, 2100)],
        gateways: [s('istio-system/public', 2200)],
        destinations: [{ host: s(name, 2300), subset: s('v1', 2400), via: 'http', routeIndex: 0 }],
      },
      {
        ...base(3, 'DestinationRule', 'networking.istio.io/v1'),
        drHost: s(name, 3100),
        subsets: [
          { name: s('v1', 3200), labels: { version: 'v1' } },
          { name: s('v2', 3300), labels: { version: 'v2' } },
        ],
      },
    ];
    summaries.push({ file, lineStarts: [0], resources, directives: [], findings: [], hasIstio: true, brokenDocs: [] });
  }
  analyzer.update(summaries.map(summary => ({ file: summary.file, summary })));
  analyzer.update([{ file: FILE, text }]);
  analyzer.setCrossFileEnabled(true);
  return { analyzer, resources: analyzer.index.resourceCount };
}

/** Round trips to the real server, the file open in the editor, its workspace indexed first. */
async function overStdio(text: string, cases: readonly Position[]): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-bench-completion-'));
  const file = path.join(dir, 'routing.yaml');
  fs.writeFileSync(file, text);
  if (CORPUS) fs.symlinkSync(path.resolve(CORPUS), path.join(dir, 'corpus'), 'dir');
  const driver = new LspDriver(path.join(ROOT, 'out', 'server', 'src', 'main.js'));
  try {
    await driver.initialize(dir);
    await driver.until(() => driver.ready, 'the index to be ready', 600_000);
    process.stdout.write(
      `server ready after ${(driver.readyAt / 1000).toFixed(1)} s${CORPUS ? ` (with ${CORPUS})` : ''}\n`,
    );
    const uri = uriOf(file);
    let version = 1;
    let current = text;
    await driver.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    const alone: number[] = [];
    const afterEdit: number[] = [];
    // First the positions in the text as it is (no edit between requests), then every third
    // blank-line position, each typed as an edit (a full-text change) followed by the request.
    const unchanged = cases.filter(c => c.text === text);
    const typed = cases.filter(c => c.text !== text).filter((_, i) => i % 3 === 0);
    for (let round = 0; round <= 1; round++) {
      for (const c of [...unchanged, ...typed]) {
        const edited = c.text !== current;
        const t0 = performance.now();
        if (edited) {
          current = c.text;
          await driver.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ text: current }],
          });
        }
        const before = current.slice(0, c.offset);
        const line = before.split('\n').length - 1;
        const character = c.offset - (before.lastIndexOf('\n') + 1);
        await driver.connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line, character },
        });
        if (round > 0) (edited ? afterEdit : alone).push(performance.now() - t0);
      }
    }
    const where = CORPUS ? `, workspace + ${path.basename(CORPUS)}` : '';
    return [
      {
        name: `completion over stdio (${alone.length} positions${where})`,
        values: alone,
        unit: 'ms',
        goal: 'p99 < 20',
      },
      // The server handles the edit (re-analysis of the file, cross-file re-checks) before the request.
      { name: `edit + completion over stdio (${afterEdit.length}${where})`, values: afterEdit, unit: 'ms' },
    ];
  } finally {
    await driver.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 2;
});
