import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  ))
    out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const NODE_IO =
  /^(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|os|dgram|tls|cluster|readline|process)$/;
const LSP_OR_EDITOR =
  /^(vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageclient.*|vscode-jsonrpc.*|vscode-languageserver-protocol.*|vscode-languageserver-textdocument)$/;

describe('architecture', () => {
  it('core imports no I/O, LSP or editor modules, and nothing outside core', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(SERVER, 'core'))) {
      for (const spec of imports(file)) {
        const resolvedOutside =
          spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(path.join(SERVER, 'core'));
        if (NODE_IO.test(spec) || LSP_OR_EDITOR.test(spec) || resolvedOutside)
          offenders.push(`${path.relative(ROOT, file)} -> ${spec}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('host does not import the LSP layer; only lsp/ and server.ts speak LSP', () => {
    const offenders: string[] = [];
    for (const file of [...sources(path.join(SERVER, 'host')), ...sources(path.join(SERVER, 'cli'))]) {
      for (const spec of imports(file)) {
        if (LSP_OR_EDITOR.test(spec) || spec.includes('/lsp/'))
          offenders.push(`${path.relative(ROOT, file)} -> ${spec}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('features import no rule file: helpers rules share with features live in model/, index/ or rules/support/', () => {
    const ruleFile = /\/rules\/[a-z0-9]+(-[a-z0-9]+)+$/;
    const offenders: string[] = [];
    for (const file of sources(path.join(SERVER, 'core', 'features'))) {
      for (const spec of imports(file))
        if (ruleFile.test(spec)) offenders.push(`${path.relative(ROOT, file)} -> ${spec}`);
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('shared code (used by server and client) is pure: no I/O, no editor, no server or client code', () => {
    const allowed = /^(picomatch|vscode-uri|vscode-languageserver-protocol)$/;
    const offenders: string[] = [];
    for (const file of sources(path.join(ROOT, 'shared', 'src'))) {
      for (const spec of imports(file)) {
        const inside =
          spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, 'shared', 'src'));
        if (!inside && !allowed.test(spec)) offenders.push(`${path.relative(ROOT, file)} -> ${spec}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the client imports no server code (it is bundled on its own; shared/ holds what both use)', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(ROOT, 'client', 'src'))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, 'server')))
          offenders.push(`${path.relative(ROOT, file)} -> ${spec}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the checker sees imports (it can fail)', () => {
    assert.ok(imports(path.join(SERVER, 'server.ts')).includes('vscode-languageserver/node'));
  });

  it('server.ts stays wiring only (< 100 lines)', () => {
    assert.ok(fs.readFileSync(path.join(SERVER, 'server.ts'), 'utf8').split('\n').length < 100);
  });

  it('every rule has a docs page and a test file, named by its id', () => {
    const rulesDir = path.join(SERVER, 'core', 'rules');
    const ids = fs
      .readdirSync(rulesDir)
      .filter(f => /^[a-z0-9]+(-[a-z0-9]+)+\.ts$/.test(f))
      .map(f => f.replace(/\.ts$/, ''));
    assert.ok(ids.length >= 2);
    const missing = ids.filter(
      id =>
        !fs.existsSync(path.join(ROOT, 'docs', 'rules', `${id}.md`)) ||
        !fs.existsSync(path.join(ROOT, 'test', 'unit', 'rules', `${id}.test.ts`)),
    );
    assert.deepStrictEqual(missing, []);
  });

  it('the server version matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const text = fs.readFileSync(path.join(SERVER, 'version.ts'), 'utf8');
    assert.ok(text.includes(`'${pkg.version}'`));
  });
});
