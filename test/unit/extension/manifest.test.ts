import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readmeRulesTable, README_RULES_END, README_RULES_START, ruleSettingProperties } from './ruleSettings';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
interface Manifest {
  activationEvents: string[];
  main: string;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string }[]>;
    snippets?: { language: string; path: string }[];
    configuration: {
      properties: Record<
        string,
        { default?: unknown; description?: string; markdownDescription?: string; scope?: string; properties?: unknown }
      >;
    };
  };
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest (package.json)', () => {
  it('istio.rules lists every rule id with its description and default (run `npm run compile && npm run sync:rules`)', () => {
    assert.deepStrictEqual(pkg.contributes.configuration.properties['istio.rules'].properties, ruleSettingProperties());
  });

  it('the README rules table lists every rule (run `npm run compile && npm run sync:rules`)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(README_RULES_START);
    const end = readme.indexOf(README_RULES_END);
    assert.ok(start !== -1 && end > start, 'README.md has the rules markers');
    assert.strictEqual(readme.slice(start + README_RULES_START.length, end).trim(), readmeRulesTable());
  });

  it('every setting is documented and has a default', () => {
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.ok(p.description || p.markdownDescription, `${key} has no description`);
      assert.ok('default' in p, `${key} has no default`);
      assert.ok(p.scope, `${key} has no scope`);
    }
  });

  it('contributed commands and the commands the client registers are the same set', () => {
    const source = fs
      .readdirSync(path.join(ROOT, 'client', 'src'), { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.ts'))
      .map(f => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
      .join('\n');
    const registered = [...source.matchAll(/command\('(istio\.[\w.]+)'/g)].map(m => m[1]).sort();
    const contributed = pkg.contributes.commands.map(c => c.command).sort();
    assert.deepStrictEqual(registered, contributed);
    for (const c of pkg.contributes.commands) assert.strictEqual(c.category, 'Istio', c.command);
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items)
        assert.ok(contributed.includes(item.command), `${menu} names unknown command ${item.command}`);
    }
  });

  it('every client command the server sends (code lenses, code actions) is registered by the client', () => {
    const server = fs
      .readdirSync(path.join(ROOT, 'server', 'src'), { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.ts'))
      .map(f => fs.readFileSync(path.join(ROOT, 'server', 'src', f), 'utf8'))
      .join('\n');
    const emitted = [...new Set([...server.matchAll(/'(istio\.[a-z][\w.]*)'/gi)].map(m => m[1]))].filter(
      c => !/^istio\.(rules|io)\b/.test(c) && !c.includes('/'),
    );
    const contributed = pkg.contributes.commands.map(c => c.command);
    assert.ok(emitted.includes('istio.showReferences'), `found: ${emitted.join(', ')}`);
    for (const c of emitted)
      assert.ok(contributed.includes(c), `the server sends ${c}, which the client does not register`);
  });

  it('activates on YAML and ships the bundled client; the templates come from the server, not contributed', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.{yaml,yml}'));
    // Contributed snippets show in every YAML completion list (issue 11): the server offers them
    // where a new document starts (core/features/documentStart.ts).
    assert.strictEqual(pkg.contributes.snippets, undefined);
    assert.strictEqual(pkg.main, './dist/client.js');
  });
});
