// Writes the rule ids of the server (ALL_RULES and the built-in ids, from the tsc output in out/)
// into package.json's `istio.rules` setting, so settings.json offers every id with its
// description and default. test/unit/extension/manifest.test.ts fails when they drift apart;
// run `npm run compile && npm run sync:rules` after adding a rule.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { ruleSettingProperties, readmeRulesTable, README_RULES_START, README_RULES_END } = require(
  path.join(root, 'out/test/unit/extension/ruleSettings.js'),
);
const file = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const setting = pkg.contributes.configuration.properties['istio.rules'];
const before = JSON.stringify(setting.properties ?? {});
setting.properties = ruleSettingProperties();
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
console.log(
  before === JSON.stringify(setting.properties)
    ? 'istio.rules already lists every rule'
    : `istio.rules now lists ${Object.keys(setting.properties).length} rule ids`,
);

// The README's rules table, between its markers.
const readmeFile = path.join(root, 'README.md');
const readme = fs.readFileSync(readmeFile, 'utf8');
const start = readme.indexOf(README_RULES_START);
const end = readme.indexOf(README_RULES_END);
if (start === -1 || end === -1) throw new Error('README.md has no rules markers');
const updated = `${readme.slice(0, start + README_RULES_START.length)}\n${readmeRulesTable()}\n${readme.slice(end)}`;
fs.writeFileSync(readmeFile, updated);
console.log(updated === readme ? 'README rules table already current' : 'README rules table updated');
