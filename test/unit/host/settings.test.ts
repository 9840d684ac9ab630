import * as assert from 'assert';
import { settingsFromConfig } from '../../../server/src/host/settings';
import { environmentGlobs } from '../../../server/src/host/environmentGlobs';

describe('istio.environments setting', () => {
  it('reads name -> patterns (a list or one pattern), sorted by name, ignoring values of the wrong type', () => {
    const settings = settingsFromConfig([
      {
        istio: {
          environments: {
            staging: 'clusters/staging/**',
            prod: ['clusters/prod/**', 'overlays/prod/**', 42],
            broken: 7,
            empty: [],
          },
        },
      },
    ]);
    assert.deepStrictEqual(settings.analysis.environments, [
      { name: 'prod', patterns: ['clusters/prod/**', 'overlays/prod/**'] },
      { name: 'staging', patterns: ['clusters/staging/**'] },
    ]);
  });

  it('is undefined (detection) when not set or empty', () => {
    assert.strictEqual(settingsFromConfig([{ istio: {} }]).analysis.environments, undefined);
    assert.strictEqual(settingsFromConfig([{ istio: { environments: {} } }]).analysis.environments, undefined);
  });

  it('patterns match paths relative to the workspace folders', () => {
    const matches = environmentGlobs(() => ['/repo', '/other'])(['clusters/prod/**']);
    assert.strictEqual(matches('/repo/clusters/prod/mesh/vs.yaml'), true);
    assert.strictEqual(matches('/other/clusters/prod/vs.yaml'), true);
    assert.strictEqual(matches('/repo/clusters/staging/vs.yaml'), false);
    assert.strictEqual(matches('/elsewhere/clusters/prod/vs.yaml'), false);
  });
});
