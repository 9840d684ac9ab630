import type { Resource } from '../model/types';
import type { Finding } from '../rules/types';
import { basename, dirname } from '../util/paths';

/**
 * The cross-file findings of one object of a file that is placed several times (in several
 * environments, or by several kustomize builds): each instance was checked on its own. A finding
 * every instance has is reported once, as is; one that only some instances have is reported once,
 * naming where it holds ("In environment staging: …").
 */
export function mergeInstanceFindings(
  instances: readonly Resource[],
  findingsOf: (instance: Resource) => readonly Finding[] | undefined,
  environmentCount: number,
): Finding[] {
  const byKey = new Map<string, { finding: Finding; holders: Resource[] }>();
  for (const instance of instances) {
    for (const f of findingsOf(instance) ?? []) {
      const key = `${f.ruleId}\0${f.span.start}\0${f.span.end}\0${f.message}`;
      const entry = byKey.get(key);
      if (entry) {
        if (!entry.holders.includes(instance)) entry.holders.push(instance);
      } else {
        byKey.set(key, { finding: f, holders: [instance] });
      }
    }
  }
  const out: Finding[] = [];
  for (const { finding, holders } of byKey.values()) {
    if (holders.length === instances.length) out.push(finding);
    else out.push({ ...finding, message: `In ${where(holders, instances, environmentCount)}: ${finding.message}` });
  }
  return out;
}

/**
 * Names the instances a finding holds for: whole environments by name; within an environment
 * that has the object more than once, the kustomize build and namespace.
 */
function where(holders: readonly Resource[], all: readonly Resource[], environmentCount: number): string {
  const envOf = (r: Resource) => r.placement?.environment;
  const parts: string[] = [];
  const wholeEnvironments: string[] = [];
  for (const env of [...new Set(holders.map(envOf))]) {
    const mine = holders.filter(h => envOf(h) === env);
    const siblings = all.filter(a => envOf(a) === env);
    if (env !== undefined && environmentCount > 1 && mine.length === siblings.length) {
      wholeEnvironments.push(env);
      continue;
    }
    const builds = mine.map(describeBuild).join(', ');
    parts.push(env !== undefined && environmentCount > 1 ? `environment ${env} (${builds})` : builds);
  }
  if (wholeEnvironments.length > 0)
    parts.unshift(`environment${wholeEnvironments.length > 1 ? 's' : ''} ${wholeEnvironments.join(', ')}`);
  return parts.join('; ');
}

/** `overlays/staging (namespace staging)`: the build's folder (last two parts) and the namespace it gives. */
function describeBuild(r: Resource): string {
  const root = r.placement?.root;
  if (!root) return `namespace ${r.namespace}`;
  const dir = dirname(root);
  return `${basename(dirname(dir))}/${basename(dir)} (namespace ${r.namespace})`;
}
