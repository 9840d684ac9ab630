// Bundles the extension client, the language server and the CLI with esbuild (VS Code's
// recommendation): one file each under dist/, so the packaged extension ships no node_modules.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  // Loaded by path from the server and the CLI (host/summarizer.ts), so it sits next to them.
  esbuild.build({ ...common, entryPoints: ['server/src/host/summaryWorker.ts'], outfile: 'dist/summaryWorker.js' }),
]);
