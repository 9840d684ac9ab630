import { siteLocation } from './definition';
import { uniqueSites } from './sites';
import { symbolRefs } from './symbolRefs';
import { acrossEnvironments, uniqueLocations } from './environments';
import { targetAt } from './target';
import type { FeatureContext, Location } from './types';

/**
 * Find all references of the subset, Gateway or service host under the cursor, from its
 * declaration or from any use; the declarations come first when asked for.
 */
export function references(fc: FeatureContext, file: string, offset: number, includeDeclaration: boolean): Location[] {
  return uniqueLocations(acrossEnvironments(fc, file, c => referencesIn(c, file, offset, includeDeclaration)));
}

function referencesIn(fc: FeatureContext, file: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(fc, file, offset);
  if (target?.kind !== 'site') return [];
  const refs = symbolRefs(fc.index.lookup(), target.site);
  if (!refs) return [];
  return uniqueSites([...(includeDeclaration ? refs.declarations : []), ...refs.uses]).map(siteLocation);
}
