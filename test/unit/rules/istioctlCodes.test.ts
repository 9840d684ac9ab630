import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ALL_RULES } from '../../../server/src/core/rules/index';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const MESSAGES = path.join(ROOT, 'third_party', 'istio', 'pkg', 'config', 'analysis', 'msg', 'messages.yaml');

describe('istioctl analyzer codes in rule meta', () => {
  it("name codes istioctl analyze reports (Istio's messages.yaml), each once per rule", () => {
    const known = new Set(
      (parse(fs.readFileSync(MESSAGES, 'utf8')) as { messages: { code: string }[] }).messages.map(m => m.code),
    );
    const mapped = ALL_RULES.filter(r => r.meta.istioctl);
    assert.ok(mapped.length >= 15, `only ${mapped.length} rules name an istioctl code`);
    for (const r of mapped) {
      const codes = r.meta.istioctl!.split(', ');
      assert.strictEqual(new Set(codes).size, codes.length, r.id);
      for (const code of codes) assert.ok(known.has(code), `${r.id}: ${code} is not an istioctl analyzer code`);
      const header = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`), 'utf8').split('\n')[2];
      const named = /\*\*istioctl analyze:\*\* (.*)$/.exec(header)?.[1];
      assert.deepStrictEqual(
        named?.split(', ').map(n => n.split(' ')[0]),
        codes,
        `docs/rules/${r.id}.md line 3 names ${r.meta.istioctl}`,
      );
    }
  });
});
