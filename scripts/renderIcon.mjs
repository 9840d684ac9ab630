// Renders media/icon.svg to media/icon.png (128×128, transparent corners), the Marketplace icon,
// with headless Chromium (the one the UI smoke test uses). Run after editing the SVG:
// node scripts/renderIcon.mjs [path to chromium]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const chromium = process.argv[2] ?? '/usr/bin/chromium';
const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-icon-'));
const html = path.join(dir, 'icon.html');
fs.writeFileSync(html, `<!doctype html><style>html,body{margin:0;background:transparent}</style>${svg}`);
const out = path.join(root, 'media', 'icon.png');
execFileSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    '--window-size=128,128',
    `--screenshot=${out}`,
    `file://${html}`,
  ],
  { stdio: 'pipe' },
);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, out)}`);
