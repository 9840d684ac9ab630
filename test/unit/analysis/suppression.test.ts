import * as assert from 'assert';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

function findings(code: string, rules: Record<string, 'off' | 'error' | 'warning' | 'info' | 'hint'> = {}): string[] {
  const fixture = parseFixture(code);
  return placedFindings(analyzeFixture(fixture), fixture.files.keys(), { rules }).map(
    f => `${describeFinding({ ...f, message: undefined })} ${f.finding.severity}`,
  );
}

// A Gateway Istio accepts (istio-validation: it needs a server), on a deprecated apiVersion.
const SPEC = 'spec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}';
const OLD = `apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: g\n${SPEC}`;

describe('severity settings and suppression', () => {
  it('reports at the default severity', () => {
    assert.deepStrictEqual(findings(OLD), ['test.yaml:1:13-40 deprecated-api-version warning']);
  });

  it('honours a severity override and "off"', () => {
    assert.deepStrictEqual(findings(OLD, { 'deprecated-api-version': 'error' }), [
      'test.yaml:1:13-40 deprecated-api-version error',
    ]);
    assert.deepStrictEqual(findings(OLD, { 'deprecated-api-version': 'off' }), []);
  });

  it('# istio-ls-disable-next-line <id> silences the next content line only', () => {
    assert.deepStrictEqual(findings(`# istio-ls-disable-next-line deprecated-api-version\n${OLD}`), []);
    assert.deepStrictEqual(findings(`# istio-ls-disable-next-line subset-not-found\n${OLD}`).length, 1);
    assert.deepStrictEqual(
      findings(`# istio-ls-disable-next-line subset-not-found, deprecated-api-version\n\n# why: legacy\n${OLD}`),
      [],
    );
  });

  it('# istio-ls-disable-file <id> silences the whole file', () => {
    // Two Gateways of different names: one of the same name would be a duplicate-resource.
    const other = OLD.replace('name: g', 'name: h');
    assert.deepStrictEqual(findings(`${OLD}\n---\n# istio-ls-disable-file deprecated-api-version\n${other}`), []);
  });

  it('the galley.istio.io/analyze-suppress annotation silences its resource', () => {
    const annotated = (value: string) =>
      `apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: g\n  annotations:\n    galley.istio.io/analyze-suppress: "${value}"\n${SPEC}`;
    assert.deepStrictEqual(findings(annotated('deprecated-api-version')), []);
    assert.deepStrictEqual(findings(annotated('*')), []);
    assert.deepStrictEqual(findings(annotated('IST0101,other-rule')).length, 1);
    assert.deepStrictEqual(findings(`${annotated('*')}\n---\n${OLD}`).length, 1);
  });

  it("istioctl's codes in the annotation silence the rules that report the same problem", () => {
    const vs = (value: string) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  annotations:\n    galley.istio.io/analyze-suppress: "${value}"\nspec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v9}\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: r\n  subsets: [{name: v1, labels: {version: v1}}]`;
    assert.match(findings(vs('IST0132')).join('\n'), /subset-not-found/);
    assert.doesNotMatch(findings(vs('IST0132, ist0101')).join('\n'), /subset-not-found/);
  });
});

describe('YAML syntax errors', () => {
  it('are reported once per document, for Istio files only', () => {
    const broken = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: [a}\nspec: {}';
    assert.strictEqual(findings(broken).filter(f => f.includes('yaml-syntax')).length, 1);
    assert.deepStrictEqual(findings('some: [unrelated\nyaml: file'), []);
  });

  it('are not reported for Helm templates', () => {
    assert.deepStrictEqual(
      findings(
        '#- chart/templates/vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {{ .Values.name }\n{{ toYaml .Values.spec | indent 2 }}\n  x: [\n',
      ),
      [],
    );
  });
});
