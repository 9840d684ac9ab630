import * as assert from 'assert';
import { compileGlob, GlobSet, type GlobOptions } from '../../../shared/src/glob';

/** Which of `paths` the pattern matches. */
function matched(pattern: string, paths: readonly string[], options: GlobOptions = {}): string[] {
  const glob = compileGlob(pattern, options);
  assert.ok(glob.ok, `${pattern}: ${glob.ok ? '' : glob.error}`);
  return paths.filter(p => glob.matches(p));
}

const SETTINGS: GlobOptions = { matchDescendants: true };

describe('globs (shared by the server and the client)', () => {
  describe("VS Code's semantics for files.exclude-style settings", () => {
    it('no implicit **/: a pattern without a slash is a name at the top of the folder', () => {
      assert.deepStrictEqual(matched('*.yaml', ['a.yaml', 'deploy/a.yaml', '.hidden.yaml'], SETTINGS), [
        'a.yaml',
        '.hidden.yaml',
      ]);
      assert.deepStrictEqual(matched('example', ['example', 'folder1/example', 'example/a.yaml'], SETTINGS), [
        'example',
        'example/a.yaml',
      ]);
      // The documented way to match a folder at any depth.
      assert.deepStrictEqual(
        matched('**/example', ['example', 'folder1/example', 'folder1/example/a.yaml'], SETTINGS),
        ['example', 'folder1/example', 'folder1/example/a.yaml'],
      );
    });

    it('the documented syntax: / * ? ** {} [] [!]', () => {
      assert.deepStrictEqual(matched('deploy/*.yaml', ['deploy/a.yaml', 'deploy/x/a.yaml']), ['deploy/a.yaml']);
      assert.deepStrictEqual(matched('a?.yaml', ['ab.yaml', 'a.yaml', 'a/.yaml']), ['ab.yaml']);
      assert.deepStrictEqual(matched('**/*.yaml', ['a.yaml', 'x/y/a.yaml', 'a.yml']), ['a.yaml', 'x/y/a.yaml']);
      assert.deepStrictEqual(matched('{**/*.html,**/*.txt}', ['a.html', 'x/a.txt', 'a.yaml']), ['a.html', 'x/a.txt']);
      assert.deepStrictEqual(matched('example.[0-9]', ['example.0', 'example.a']), ['example.0']);
      assert.deepStrictEqual(matched('example.[!0-9]', ['example.0', 'example.a']), ['example.a']);
    });

    it('nothing else is special: no negation, no extglobs, literal parentheses', () => {
      assert.deepStrictEqual(matched('!gen', ['gen', '!gen', 'other']), ['!gen']);
      assert.deepStrictEqual(matched('+(a)', ['a', '+(a)']), ['+(a)']);
      assert.deepStrictEqual(matched('(a|b)', ['a', '(a|b)']), ['(a|b)']);
    });

    it('a matched directory takes everything below it; ./, trailing / and \\ are forgiven', () => {
      assert.deepStrictEqual(matched('gen/', ['gen', 'gen/a.yaml', 'gen2/a.yaml'], SETTINGS), ['gen', 'gen/a.yaml']);
      assert.deepStrictEqual(matched('./deploy\\*.yaml', ['deploy/a.yaml']), ['deploy/a.yaml']);
      assert.deepStrictEqual(matched('gen', ['gen/a.yaml']), [], 'only with matchDescendants');
    });

    it('case-insensitive where the file system is (Windows, macOS)', () => {
      assert.deepStrictEqual(matched('Deploy/*.yaml', ['deploy/a.YAML']), []);
      assert.deepStrictEqual(matched('Deploy/*.yaml', ['deploy/a.YAML'], { caseInsensitive: true }), ['deploy/a.YAML']);
    });
  });

  it("yaml-language-server's yaml.schemas globs match the end of the path", () => {
    const END: GlobOptions = { anchor: 'pathEnd' };
    assert.deepStrictEqual(matched('*.yaml', ['a.yaml', 'mesh/a.yaml'], END), ['a.yaml', 'mesh/a.yaml']);
    assert.deepStrictEqual(matched('/*.yaml', ['mesh/a.yaml'], END), ['mesh/a.yaml']);
    assert.deepStrictEqual(matched('k8s/*.yaml', ['x/k8s/a.yaml', 'k8s/x/a.yaml'], END), ['x/k8s/a.yaml']);
  });

  it('a pattern that does not compile comes back with its reason, and a set goes on without it', () => {
    for (const bad of ['{', 'a{b,c', '[z-a]', 'a[b', '  ']) {
      const glob = compileGlob(bad);
      assert.ok(!glob.ok, bad);
      assert.ok(glob.error.length > 0);
    }
    const errors: string[] = [];
    const set = new GlobSet(['{gen', '**/testdata', ''], SETTINGS, (pattern, error) =>
      errors.push(`${pattern}: ${error}`),
    );
    assert.deepStrictEqual(errors, ['{gen: a "{" has no closing "}"']);
    assert.ok(set.matches('x/testdata/a.yaml'));
    assert.ok(!set.matches('gen/a.yaml'));
    assert.ok(new GlobSet(['{'], SETTINGS).empty);
  });

  it('brace groups stay bounded: past 64 alternatives picomatch matches the groups itself', () => {
    const pattern = '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}';
    assert.deepStrictEqual(matched(pattern, ['acegikm', 'bdfhjln', 'abcdefg']), ['acegikm', 'bdfhjln']);
  });
});
