import * as assert from 'assert';
import { get, str, strValue, items, stringMap } from '../../../server/src/core/parse/access';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import { hidesTemplatedContent, maskHelmActions, TEMPLATE_MARK } from '../../../server/src/core/parse/helm';

describe('parseYamlFile', () => {
  it('splits multi-document files, keeping empty documents and exact spans', () => {
    const text = 'a: 1\n---\n---\n# only a comment\nb: [x, {c: d}]\n';
    const parsed = parseYamlFile('/w/f.yaml', text);
    assert.strictEqual(parsed.docs.length, 3);
    const empty = parsed.docs[1].root;
    assert.ok(empty === null || (empty.kind === 'scalar' && empty.value === null));
    const c = str(get(parsed.docs[2].root, 'b', 1, 'c'));
    assert.deepStrictEqual(c && text.slice(c.span.start, c.span.end), 'd');
  });

  it('resolves anchors, aliases and merge keys', () => {
    const text = 'base: &b {app: web, tier: fe}\nlabels:\n  <<: *b\n  tier: be\nsel: *b\n';
    const root = parseYamlFile('/w/f.yaml', text).docs[0].root;
    assert.deepStrictEqual(stringMap(get(root, 'labels')), { tier: 'be', app: 'web' });
    assert.strictEqual(strValue(get(root, 'sel', 'app')), 'web');
  });

  it('survives a cyclic alias', () => {
    const parsed = parseYamlFile('/w/f.yaml', 'a: &x\n  b: *x\n');
    assert.ok(parsed.docs.length === 1);
    assert.strictEqual(strValue(get(parsed.docs[0].root, 'a', 'b', 'b', 'b', 'c')), undefined);
  });

  it('never throws on deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const parsed = parseYamlFile('/w/deep.yaml', deep);
    assert.ok(parsed.fatal !== undefined || parsed.docs.length >= 0);
    const deepBlock = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.doesNotThrow(() => parseYamlFile('/w/deep2.yaml', deepBlock));
  });

  it('reports syntax errors with a span instead of throwing', () => {
    const parsed = parseYamlFile('/w/f.yaml', 'a: [1\nb: 2\n');
    assert.ok(parsed.docs[0].errors.length > 0);
    assert.ok(parsed.docs[0].errors[0].span.end > parsed.docs[0].errors[0].span.start);
  });

  it('parses a 10,000-document file', () => {
    const text = Array.from({ length: 10000 }, (_, i) => `kind: K\nname: n${i}\n`).join('---\n');
    assert.strictEqual(parseYamlFile('/w/many.yaml', text).docs.length, 10000);
  });

  it('finds suppression comments but not inside block scalars', () => {
    const text = [
      '# istio-ls-disable-file deprecated-api-version',
      'a: |',
      '  # istio-ls-disable-next-line subset-not-found',
      '# istio-ls-disable-next-line subset-not-found, gateway-not-found',
      '',
      '# another comment',
      'b: 1',
    ].join('\n');
    const { directives } = parseYamlFile('/w/f.yaml', text);
    assert.deepStrictEqual(directives, [
      { scope: 'file', rules: ['deprecated-api-version'], line: 0, targetLine: 1 },
      { scope: 'next-line', rules: ['subset-not-found', 'gateway-not-found'], line: 3, targetLine: 6 },
    ]);
  });
});

describe('Helm templates', () => {
  it('masks actions with the same offsets, blanking action-only lines', () => {
    const text = 'metadata:\n  name: {{ .Values.name }}-svc\n{{- if .Values.x }}\n  labels: {a: b}\n{{- end }}\n';
    const masked = maskHelmActions(text);
    assert.strictEqual(masked.text.length, text.length);
    assert.ok(masked.text.includes(`name: ${TEMPLATE_MARK.repeat('{{ .Values.name }}'.length)}-svc`));
    assert.ok(!masked.text.includes('if'));
  });

  it('templated values read as unknown, plain ones are kept', () => {
    const text =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  hosts:\n  - reviews\n';
    const parsed = parseYamlFile('/w/chart/templates/vs.yaml', text);
    assert.strictEqual(parsed.isHelm, true);
    assert.strictEqual(parsed.docs[0].errors.length, 0);
    assert.strictEqual(strValue(get(parsed.docs[0].root, 'metadata', 'name')), undefined);
    assert.deepStrictEqual(items(get(parsed.docs[0].root, 'spec', 'hosts')).map(strValue), ['reviews']);
  });

  it('knows where templates may add content, in a chart or any other file', () => {
    const text = [
      '{{- if .Values.enabled }}', // 0: wraps the document
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: api}',
      'spec:',
      '  ports:',
      '  - port: 80', // 6: followed by an include at its indentation
      '    {{- include "naming" . | nindent 4 }}',
      '  - port: 81', // 8: followed by the end of a block around the list
      '  {{- end }}',
      '  selector: {app: api}',
      '{{- end }}',
      '',
    ].join('\n');
    for (const path of ['/w/chart/templates/svc.yaml', '/w/deploy/svc.yaml']) {
      const parsed = parseYamlFile(path, text);
      assert.strictEqual(parsed.docs[0].templated, true, path);
      const root = parsed.docs[0].root;
      const [first, second] = items(get(root, 'spec', 'ports'));
      assert.strictEqual(hidesTemplatedContent(text, first), true, `first port in ${path}`);
      assert.strictEqual(hidesTemplatedContent(text, second), false, `second port in ${path}`);
      assert.strictEqual(hidesTemplatedContent(text, get(root, 'spec', 'selector')), false, `selector in ${path}`);
      assert.strictEqual(hidesTemplatedContent(text, get(root, 'spec')), true, `spec in ${path}`);
      assert.strictEqual(hidesTemplatedContent(text, get(root, 'metadata')), false, `metadata in ${path}`);
    }
    assert.strictEqual(parseYamlFile('/w/plain.yaml', 'a: 1\n').docs[0].templated, false);
  });
});
