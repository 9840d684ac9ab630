// Checks the packaged extension: under 5 MB, the files that run (bundled client, server and the
// workers it loads, snippets, schemas, icon, README, CHANGELOG, LICENSE) and nothing else: no sources,
// tests, tsc output, node_modules or source maps. Reads the .vsix (a zip) directly: no unzip needed on CI.
// Usage: node scripts/checkVsix.mjs [istio-ls.vsix]   Exit 1 with the reasons when a check fails.
import fs from 'node:fs';

const file = process.argv[2] ?? 'istio-ls.vsix';
const MAX_BYTES = 5 * 1024 * 1024;
const buf = fs.readFileSync(file);
const entries = zipEntries(buf);
const problems = [];
if (buf.length >= MAX_BYTES) problems.push(`${file} is ${buf.length} bytes (limit ${MAX_BYTES})`);
for (const required of [
  'extension/package.json',
  'extension/media/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/snippets/istio.code-snippets',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
]) {
  if (!entries.some(e => e.name === required)) problems.push(`missing ${required}`);
}
// Every bundle the build writes next to the server (workers it loads by path) must ship; the CLI
// bundle is for the npm package only.
for (const f of fs.readdirSync('dist').filter(f => f.endsWith('.js') && f !== 'cli.js')) {
  if (!entries.some(e => e.name === `extension/dist/${f}`)) problems.push(`missing extension/dist/${f}`);
}
const forbidden =
  /(^|\/)(node_modules|out|test|client\/src|server\/src|scripts|bench|\.ci)\/|\.ts$|\.map$|\.tsbuildinfo$|(^|\/)tsconfig.*\.json$|^dist\/cli\.js$/;
for (const e of entries)
  if (forbidden.test(e.name.replace(/^extension\//, ''))) problems.push(`should not ship ${e.name}`);

const total = entries.reduce((n, e) => n + e.size, 0);
console.log(
  `${file}: ${(buf.length / 1024).toFixed(0)} KB (${(total / 1024).toFixed(0)} KB unpacked), ${entries.length} files:`,
);
for (const e of entries) console.log(`  ${String(Math.round(e.size / 1024)).padStart(5)} KB  ${e.name}`);
if (problems.length > 0) {
  for (const p of problems) console.log(`FAIL: ${p}`);
  process.exit(1);
}
console.log('vsix ok');

/** Names and uncompressed sizes from the zip's central directory. */
function zipEntries(data) {
  let eocd = data.length - 22;
  while (eocd >= 0 && data.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extra = data.readUInt16LE(at + 30);
    const comment = data.readUInt16LE(at + 32);
    out.push({ name: data.subarray(at + 46, at + 46 + nameLength).toString('utf8'), size });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}
