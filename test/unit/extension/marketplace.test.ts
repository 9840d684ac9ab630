import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

/** The categories the Marketplace offers (VS Code's extension manifest reference). */
const CATEGORIES = new Set([
  'Programming Languages',
  'Snippets',
  'Linters',
  'Themes',
  'Debuggers',
  'Formatters',
  'Keymaps',
  'SCM Providers',
  'Other',
  'Extension Packs',
  'Language Packs',
  'Data Science',
  'Machine Learning',
  'Visualization',
  'Notebooks',
  'Education',
  'Testing',
  'AI',
  'Chat',
]);

describe('Marketplace listing (package.json)', () => {
  it('has a 128×128 PNG icon (rendered from media/icon.svg) and a gallery banner', () => {
    assert.strictEqual(pkg.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(ROOT, 'media', 'icon.png'));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(fs.existsSync(path.join(ROOT, 'media', 'icon.svg')));
    const banner = pkg.galleryBanner as { color: string; theme: string };
    assert.match(banner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(banner.theme === 'dark' || banner.theme === 'light');
  });

  it('names its categories, keywords and the links users look for', () => {
    const categories = pkg.categories as string[];
    for (const c of categories) assert.ok(CATEGORIES.has(c), `unknown category ${c}`);
    assert.strictEqual(categories[0], 'Linters');
    const keywords = pkg.keywords as string[];
    assert.ok(keywords.length >= 5 && keywords.length <= 30, `${keywords.length} keywords`);
    const repo = (pkg.repository as { url: string }).url;
    assert.match(repo, /^https:\/\/github\.com\//);
    assert.strictEqual((pkg.bugs as { url: string }).url, `${repo}/issues`);
    assert.match(String(pkg.qna), /^https:\/\//);
    assert.match(String(pkg.homepage), /^https:\/\//);
  });

  it('the README opens with a picture of the extension at work', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const first = /!\[[^\]]*\]\(([^)]+)\)/.exec(readme);
    assert.ok(first && first.index < readme.indexOf('\n## '), 'an image before the first section');
    assert.match(first[1], /^docs\/images\/.*\.png$/);
    assert.ok(fs.existsSync(path.join(ROOT, first[1])), first[1]);
  });
});
