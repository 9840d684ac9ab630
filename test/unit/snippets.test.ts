import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  expandDefaults,
  expandSnippet,
  fillTabStops,
  metadataTabStops,
  parseSnippetFile,
  snippetKind,
  type Snippet,
} from '../../client/src/snippets/snippetFile';
import { analyzeFixture, describeFinding, placedFindings } from '../harness/analyze';
import { namespaceChoices, templateOrder } from '../../client/src/snippets/templateChoices';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SNIPPETS = parseSnippetFile(fs.readFileSync(path.join(ROOT, 'snippets', 'istio.code-snippets'), 'utf8'));

/**
 * Snippets that refer to another resource are analysed together with the snippet that defines it
 * (docs/snippets.md, "Pair it with"): a VirtualService routing to subsets with istio-dr, the two
 * TLS-origination halves together, the JWT policy with the RequestAuthentication.
 */
function partnersOf(snippet: Snippet): string[] {
  const expanded = expandDefaults(snippet);
  if (snippetKind(snippet) === 'VirtualService' && /^\s*subset:/m.test(expanded)) return ['istio-dr'];
  const pairs: Record<string, string[]> = {
    'istio-dr-tls-origination': ['istio-se-tls-origination'],
    'istio-se-tls-origination': ['istio-dr-tls-origination'],
    'istio-authz-jwt': ['istio-ra'],
    'istio-ra': ['istio-authz-jwt'],
    'istio-httproute-split': ['istio-gateway-api'],
    'istio-gateway-api': ['istio-httproute-split'],
  };
  return pairs[snippet.prefix] ?? [];
}

describe('snippets', () => {
  it('the Gateway API snippets the issue asks for exist (Gateway, weighted HTTPRoute, ReferenceGrant, waypoint)', () => {
    const prefixes = SNIPPETS.map(s => s.prefix);
    for (const p of ['istio-gateway-api', 'istio-httproute-split', 'istio-referencegrant', 'istio-waypoint'])
      assert.ok(prefixes.includes(p), p);
  });

  it('the snippets file parses and every prefix is unique and starts with istio-', () => {
    assert.ok(SNIPPETS.length >= 20, `only ${SNIPPETS.length} snippets`);
    const prefixes = SNIPPETS.map(s => s.prefix);
    assert.deepStrictEqual(
      prefixes.filter((p, i) => prefixes.indexOf(p) !== i),
      [],
    );
    assert.deepStrictEqual(
      prefixes.filter(p => !p.startsWith('istio-')),
      [],
    );
  });

  for (const snippet of SNIPPETS) {
    describe(snippet.prefix, () => {
      it('expands with its defaults to one complete resource with name and namespace tab stops', () => {
        const text = expandDefaults(snippet);
        assert.doesNotMatch(text, /\$\{?\d/, 'unexpanded tab stop');
        assert.match(text, /^apiVersion: (?:[a-z.]+\.istio\.io\/v1|gateway\.networking\.k8s\.io\/v1(?:beta1)?)\n/);
        assert.ok(snippetKind(snippet), 'kind line');
        const stops = metadataTabStops(snippet);
        assert.ok(stops.name !== undefined && stops.namespace !== undefined, 'name and namespace are tab stops');
      });

      const partners = partnersOf(snippet);
      it(`produces zero findings from every rule${partners.length ? ` (with ${partners.join(', ')})` : ''}`, () => {
        const files = new Map<string, string>([[`/ws/${snippet.prefix}.yaml`, expandDefaults(snippet)]]);
        for (const prefix of partners) {
          const partner = SNIPPETS.find(s => s.prefix === prefix);
          assert.ok(partner, `partner snippet ${prefix} exists`);
          files.set(`/ws/${prefix}.yaml`, expandDefaults(partner));
        }
        const findings = placedFindings(analyzeFixture(files), files.keys());
        assert.deepStrictEqual(findings.map(describeFinding), [], [...files.values()].join('---\n'));
      });
    });
  }
});

describe('snippet syntax', () => {
  it('resolves placeholders, mirrors, choices and the final tab stop', () => {
    assert.strictEqual(expandSnippet('a: ${1:x}\nb: $1\nc: ${2|P,Q|}\nd: ${1}$0'), 'a: x\nb: x\nc: P\nd: x');
  });

  it("takes a mirror's value from the placeholder even when the mirror comes first", () => {
    assert.strictEqual(expandSnippet('$1 ${1:late}'), 'late late');
  });

  it('expands nested placeholders and variables with defaults, and honours escapes', () => {
    assert.strictEqual(expandSnippet('${1:a ${2:b}} $2 ${TM_SELECTED_TEXT:sel} \\$1 \\}'), 'a b b sel $1 }');
  });

  it('lets given values win over defaults', () => {
    assert.strictEqual(expandSnippet('name: ${1:reviews}\nhost: $1', { 1: 'ratings' }), 'name: ratings\nhost: ratings');
  });

  it('fills chosen tab stops with literal text and keeps the others live', () => {
    const body = 'name: ${1:reviews}\nns: ${2:default}\nhost: $1\nmode: ${3|A,B|}\n$0';
    const filled = fillTabStops(body, { 1: 'a$b}', 2: 'prod' });
    assert.strictEqual(filled, 'name: a\\$b\\}\nns: prod\nhost: a\\$b\\}\nmode: ${3|A,B|}\n${0}');
    assert.strictEqual(expandSnippet(filled), 'name: a$b}\nns: prod\nhost: a$b}\nmode: A\n');
  });

  it('rejects an unterminated placeholder instead of guessing', () => {
    assert.throws(() => expandSnippet('${1:oops'), /unterminated/);
  });
});

describe('New Resource… choices', () => {
  it('lists routing templates first and never starts with "deny all"', () => {
    const ordered = templateOrder(SNIPPETS).map(s => s.prefix);
    assert.strictEqual(ordered[0], 'istio-vs');
    assert.ok(!/deny/.test(ordered[0]));
    const authz = ordered.filter(p => p.startsWith('istio-authz'));
    assert.strictEqual(authz.at(-1), 'istio-authz-deny-all', authz.join(', '));
    assert.strictEqual(ordered.length, SNIPPETS.length);
  });

  it("offers the workspace's namespaces, most used first, the default namespace setting first", () => {
    assert.deepStrictEqual(namespaceChoices(['shop', 'bookinfo', 'shop', 'istio-system'], undefined), [
      'shop',
      'bookinfo',
      'istio-system',
    ]);
    assert.deepStrictEqual(namespaceChoices(['shop', 'bookinfo', 'shop'], 'bookinfo'), ['bookinfo', 'shop']);
    assert.deepStrictEqual(namespaceChoices([], 'default'), ['default']);
  });
});
