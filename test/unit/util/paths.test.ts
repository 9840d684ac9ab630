import * as assert from 'assert';
import { Analyzer } from '../../../server/src/core/analysis/analyzer';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import {
  dirname,
  fileKey,
  joinPath,
  normalizePath,
  pathInside,
  relativePath,
} from '../../../server/src/core/util/paths';
import { pathToUri, UriMap, uriToPath } from '../../../server/src/lsp/uris';

/**
 * File keys, with Windows paths run on any platform: a file reached as `C:\repo\a.yaml` (the
 * walker, the CLI), `file:///c%3A/repo/a.yaml` (VS Code) or `file:///C:/repo/a.yaml` (other
 * editors) is one key, and kustomization entries resolve against it.
 */
describe('file keys (Windows paths on any platform)', () => {
  it('fileKey: one form for the paths of every platform', () => {
    assert.strictEqual(fileKey('C:\\repo\\mesh\\a.yaml', true), 'c:/repo/mesh/a.yaml');
    assert.strictEqual(fileKey('c:/repo/mesh/a.yaml', true), 'c:/repo/mesh/a.yaml');
    assert.strictEqual(fileKey('C:\\repo\\.\\x\\..\\mesh\\\\a.yaml', true), 'c:/repo/mesh/a.yaml');
    assert.strictEqual(fileKey('C:\\', true), 'c:/');
    assert.strictEqual(fileKey('\\\\server\\share\\mesh\\a.yaml', true), '//server/share/mesh/a.yaml');
    assert.strictEqual(fileKey('/home/u/repo/', false), '/home/u/repo');
    // On POSIX a backslash is part of a name.
    assert.strictEqual(fileKey('/home/u/a\\b.yaml', false), '/home/u/a\\b.yaml');
  });

  it('URIs and keys: VS Code, other editors and the walker agree', () => {
    const key = 'c:/repo/mesh/a.yaml';
    assert.strictEqual(uriToPath('file:///c%3A/repo/mesh/a.yaml'), key);
    assert.strictEqual(uriToPath('file:///C:/repo/mesh/a.yaml'), key);
    assert.strictEqual(uriToPath('file:///C%3A/repo/mesh/a.yaml'), key);
    assert.strictEqual(fileKey('C:\\repo\\mesh\\a.yaml', true), key);
    assert.strictEqual(pathToUri(key), 'file:///c%3A/repo/mesh/a.yaml');
    assert.strictEqual(uriToPath('file://server/share/mesh/a.yaml'), '//server/share/mesh/a.yaml');
    assert.strictEqual(pathToUri('//server/share/mesh/a.yaml'), 'file://server/share/mesh/a.yaml');
    assert.strictEqual(uriToPath('file:///tmp/a%20b%23c.yaml'), '/tmp/a b#c.yaml');
    assert.strictEqual(pathToUri('/tmp/a b#c.yaml'), 'file:///tmp/a%20b%23c.yaml');
    assert.strictEqual(uriToPath('untitled:Untitled-1'), 'untitled:Untitled-1');
    // A file the client named keeps the client's URI, whatever its spelling.
    const uris = new UriMap();
    assert.strictEqual(uris.toPath('file:///C:/repo/mesh/a.yaml'), key);
    assert.strictEqual(uris.toUri(key), 'file:///C:/repo/mesh/a.yaml');
  });

  it('path helpers keep drive and UNC roots', () => {
    assert.strictEqual(dirname('c:/repo/a.yaml'), 'c:/repo');
    assert.strictEqual(dirname('c:/a.yaml'), 'c:/');
    assert.strictEqual(dirname('//server/share/a.yaml'), '//server/share/');
    assert.strictEqual(dirname('/a.yaml'), '/');
    assert.strictEqual(joinPath('c:/repo/overlays/prod', '../../base'), 'c:/repo/base');
    assert.strictEqual(joinPath('c:/repo', '../../../x.yaml'), 'c:/x.yaml');
    assert.strictEqual(joinPath('//server/share/repo', '../base/a.yaml'), '//server/share/base/a.yaml');
    assert.strictEqual(joinPath('/repo', 'c:/elsewhere/a.yaml'), 'c:/elsewhere/a.yaml');
    assert.strictEqual(normalizePath('/repo/./a/../b/'), '/repo/b');
    assert.strictEqual(relativePath('c:/repo/a', 'c:/repo/b/x.yaml'), '../b/x.yaml');
    assert.strictEqual(relativePath('c:/repo', 'd:/x.yaml'), 'd:/x.yaml');
    assert.strictEqual(pathInside('c:/repo', 'c:/repo/mesh/a.yaml'), 'mesh/a.yaml');
    assert.strictEqual(pathInside('c:/', 'c:/mesh/a.yaml'), 'mesh/a.yaml');
    assert.strictEqual(pathInside('c:/repo', 'c:/repository/a.yaml'), undefined);
    assert.strictEqual(pathInside('/repo', '/repo'), '');
  });

  it('a file opened by URI and found by the walker is indexed once, and kustomize namespaces apply', () => {
    const analyzer = new Analyzer(DEFAULT_SETTINGS);
    const kustomization = 'namespace: shop\nresources:\n- vs.yaml\n- ../shared\n';
    const vs =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n';
    const dr =
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n';
    analyzer.update([
      { file: fileKey('C:\\repo\\base\\kustomization.yaml', true), text: kustomization },
      { file: fileKey('C:\\repo\\base\\vs.yaml', true), text: vs },
      { file: fileKey('C:\\repo\\shared\\dr.yaml', true), text: dr },
      { file: fileKey('C:\\repo\\shared\\kustomization.yaml', true), text: 'resources:\n- dr.yaml\n' },
    ]);
    // The editor opens the same file (VS Code's encoding of the drive letter).
    analyzer.update([{ file: uriToPath('file:///c%3A/repo/base/vs.yaml'), text: vs }]);
    assert.strictEqual(analyzer.index.fileCount, 4);
    const namespaces = [...analyzer.index.allResources()].filter(r => r.kind !== 'Kustomization');
    assert.deepStrictEqual(namespaces.map(r => `${r.file} ${r.kind} ${r.namespace}`).sort(), [
      'c:/repo/base/vs.yaml VirtualService shop',
      'c:/repo/shared/dr.yaml DestinationRule shop',
    ]);
  });
});
