import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analysis/analyzer';
import { meshGraph } from '../../server/src/core/features/meshGraph';
import { kustomizationsFirst } from '../../server/src/core/model/extract/kustomization';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { walkYamlFiles } from '../../server/src/host/fileWalker';
import { loadSchemas } from '../../server/src/host/schemaLoader';
import { summarizeFiles } from '../../server/src/host/summarizer';
import { layoutGraph } from '../../client/src/meshGraph/layout';
import { renderPage } from '../../client/src/meshGraph/page';
import { renderSvg } from '../../client/src/meshGraph/render';
import { namespacesOf } from '../../client/src/meshGraph/filter';
import type { MeshGraph } from '../../client/src/protocol';

/**
 * `npm run bench:graph -- DIR [--namespace NS] [--html FILE]`: the mesh graph of a folder, with
 * what building, laying out and drawing it costs (the view redraws on every filter change, so
 * layout and SVG must stay fast at a 200-service namespace). `--html` writes the page as the
 * webview shows it (without VS Code's theme variables), to look at in a browser.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!dir) throw new Error('usage: figures DIR [--namespace NS] [--html FILE]');
  const analyzer = new Analyzer(DEFAULT_SETTINGS, undefined, undefined, loadSchemas());
  const files = kustomizationsFirst((await walkYamlFiles(path.resolve(dir), {})).sort());
  await summarizeFiles(files, {
    settings: DEFAULT_SETTINGS,
    log: () => undefined,
    onBatch: i => {
      analyzer.update(i);
    },
  });
  const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
  let t0 = performance.now();
  const core = meshGraph(analyzer.index, f => analyzer.report(f, { rules: {} }), opt('namespace'));
  const built = ms(t0);
  const graph: MeshGraph = {
    nodes: core.nodes.map(({ location, locations, ...n }) => ({
      ...n,
      ...(location ? { uri: `file://${location.file}` } : {}),
      ...(locations ? { locations: locations.map(l => ({ uri: `file://${l.file}` })) } : {}),
    })),
    edges: core.edges,
  };
  t0 = performance.now();
  const layout = layoutGraph(graph);
  const laidOut = ms(t0);
  t0 = performance.now();
  const svg = renderSvg(layout, { describeUri: u => path.relative(path.resolve(dir), u.slice('file://'.length)) });
  const drawn = ms(t0);
  process.stdout.write(
    `${files.length} files, ${analyzer.index.resourceCount} resources -> ${graph.nodes.length} nodes, ${graph.edges.length} edges; ` +
      `graph ${built}, layout ${laidOut}, SVG ${drawn} (${(svg.length / 1024).toFixed(0)} KB, ${layout.width}x${layout.height} px)\n`,
  );
  const html = opt('html');
  if (html) {
    const page = renderPage({ svg, summary: `${graph.nodes.length} nodes`, namespaces: namespacesOf(graph) }, 'n', '')
      .replace('<script nonce="n">', '<script nonce="n">window.acquireVsCodeApi = () => ({ postMessage() {} });')
      .replace(/<meta http-equiv[^>]*>/, '');
    fs.writeFileSync(html, page);
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
