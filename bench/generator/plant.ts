import { type ConfigNamespace, type MeshPlan, type Service, type ServicePlant } from './model';
import { type Rng } from './rng';
import { type Visibility } from './visibility';

/** Planted defects per rule: "a few per 100 services", at least two so that small corpora cover each rule. */
const RATE = 0.025;

const CONFIG_NAMESPACES = ['mesh-config', 'platform-traffic', 'shared-policies', 'legacy-routing', 'netops'];

/**
 * Chooses where each rule's defects go. Every planted defect gets a service of its own (and its
 * targets are reserved too), so no two planted findings share a node and no planted document
 * disturbs another rule's precondition.
 */
export function plantDefects(rng: Rng, plan: MeshPlan, vis: Visibility): MeshPlan {
  const services = rng.shuffle(plan.namespaces.flatMap(ns => ns.services));
  const perRule = Math.max(2, Math.round(services.length * RATE));
  const used = new Set<Service>();
  const overrideTargets = new Set(plan.namespaces.flatMap(ns => ns.overrideVs));
  const hasDr = (s: Service): boolean => s.routing || s.drOnly;
  const httpVs = (s: Service): boolean => s.routing && s.protocol !== 'tcp';

  const take = (pred: (s: Service) => boolean): Service | undefined => {
    const found = services.find(s => !used.has(s) && pred(s));
    if (found) used.add(found);
    return found;
  };
  /** Plants `count` defects, cycling through variants; a variant that finds no host is skipped. */
  const plantMany = (count: number, attempts: ReadonlyArray<() => boolean>): void => {
    let done = 0;
    for (let i = 0; done < count && i < count * attempts.length * 2; i++) {
      if (attempts[i % attempts.length]!()) done++;
    }
  };
  const assign = (svc: Service | undefined, plant: ServicePlant): boolean => {
    if (!svc) return false;
    svc.plant = plant;
    return true;
  };

  plantMany(perRule, [
    () =>
      assign(
        take(s => s.routing),
        { rule: 'subset-not-found', variant: 'route' },
      ),
    () => assign(take(httpVs), { rule: 'subset-not-found', variant: 'mirror' }),
    () => {
      const target = take(t => t.drExport?.length === 1 && t.drExport[0] === '.' && t.protocol !== 'tcp');
      const svc = target && take(s => httpVs(s) && s.ns !== target.ns && !vis.hasClientDr(s.ns.name, target));
      if (!target || !svc) return false;
      vis.addSubsetRef(svc.ns.name, target);
      return assign(svc, { rule: 'subset-not-found', variant: 'export', target });
    },
    () => assign(take(httpVs), { rule: 'subset-not-found', variant: 'mirrors' }),
    () => {
      const svc = take(s => httpVs(s) && s.ns.services.some(u => !hasDr(u) && !used.has(u)));
      const target = svc && take(u => u.ns === svc.ns && !hasDr(u));
      return assign(target && svc, { rule: 'subset-not-found', variant: 'nodr', target });
    },
  ]);

  plantMany(perRule, [
    () => assign(take(httpVs), { rule: 'host-not-found', variant: 'short' }),
    () => {
      const svc = take(httpVs);
      const target = svc && take(t => t.ns !== svc.ns);
      return assign(target && svc, { rule: 'host-not-found', variant: 'fqdn', target });
    },
  ]);

  plantMany(perRule, [
    () => assign(take(hasDr), { rule: 'duplicate-destination-rule', fqdn: true, ownFile: false }),
    () => assign(take(hasDr), { rule: 'duplicate-destination-rule', fqdn: false, ownFile: true }),
  ]);

  const notOverridden = (s: Service): boolean => s.routing && !overrideTargets.has(s);
  plantMany(perRule, [
    () => assign(take(notOverridden), { rule: 'conflicting-virtual-service', variant: 'same-ns' }),
    () => {
      const svc = take(notOverridden);
      const other = svc && rng.shuffle(plan.namespaces).find(ns => ns !== svc.ns);
      if (!svc || !other) return false;
      other.guests.push(svc);
      return assign(svc, { rule: 'conflicting-virtual-service', variant: 'cross-ns', other });
    },
    () => {
      const svc = take(s => s.publicVs === 'public');
      if (!svc) return false;
      plan.ingress.conflicting.push(svc);
      return assign(svc, { rule: 'conflicting-virtual-service', variant: 'gateway' });
    },
  ]);

  const strictDr = (s: Service): boolean => hasDr(s) && s.ns.peerAuth === 'STRICT' && !s.tlsDisable;
  plantMany(perRule, [
    () => assign(take(strictDr), { rule: 'mtls-conflict', variant: 'own' }),
    () => assign(take(strictDr), { rule: 'mtls-conflict', variant: 'port' }),
    () => {
      // A host nothing routes to by subset: the planted rule has none, and must shadow none.
      const svc = take(s => s.ns.peerAuth === 'STRICT' && !hasDr(s));
      const client =
        svc &&
        rng
          .shuffle(plan.namespaces)
          .find(ns => ns !== svc.ns && !vis.hasSubsetRef(ns.name, svc) && !vis.hasClientDr(ns.name, svc));
      if (!svc || !client) return false;
      vis.addClientDr(client.name, svc);
      client.guests.push(svc);
      return assign(svc, { rule: 'mtls-conflict', variant: 'client', client });
    },
  ]);

  const noPublic = (s: Service): boolean => s.protocol !== 'tcp' && !s.publicVs;
  plantMany(perRule, [
    () => assign(take(noPublic), { rule: 'gateway-not-found', variant: 'short' }),
    () => assign(take(noPublic), { rule: 'gateway-not-found', variant: 'typo' }),
  ]);

  plantMany(perRule, [
    () => assign(take(noPublic), { rule: 'gateway-host-mismatch', variant: 'domain' }),
    () => assign(take(noPublic), { rule: 'gateway-host-mismatch', variant: 'dot' }),
    () => {
      const svc = take(s => noPublic(s) && plan.ingress.partnerNamespaces.some(p => p !== s.ns));
      const partner = svc && plan.ingress.partnerNamespaces.find(p => p !== svc.ns);
      return assign(partner && svc, { rule: 'gateway-host-mismatch', variant: 'ns', partner });
    },
  ]);

  const orphanGateways = Math.max(1, Math.round(perRule / 5));
  plantMany(perRule - orphanGateways, [
    () =>
      assign(
        take(() => true),
        { rule: 'selector-matches-nothing', variant: 'authz-version' },
      ),
    () =>
      assign(
        take(() => true),
        { rule: 'selector-matches-nothing', variant: 'sidecar' },
      ),
    () =>
      assign(
        take(() => true),
        { rule: 'selector-matches-nothing', variant: 'authz-app' },
      ),
    () =>
      assign(
        take(() => true),
        { rule: 'selector-matches-nothing', variant: 'telemetry' },
      ),
    () =>
      assign(
        take(() => true),
        { rule: 'selector-matches-nothing', variant: 'peer' },
      ),
  ]);

  const configNamespaces: ConfigNamespace[] = [];
  const configCount = Math.min(CONFIG_NAMESPACES.length, Math.ceil(perRule / 60));
  for (let i = 0; i < configCount; i++) {
    configNamespaces.push({ name: CONFIG_NAMESPACES[i]!, kustomize: i % 2 === 0, misplacedDrs: [] });
  }
  plantMany(perRule, [
    () => {
      const svc = take(() => true);
      if (!svc) return false;
      configNamespaces[used.size % configNamespaces.length]!.misplacedDrs.push(svc);
      return assign(svc, { rule: 'destination-rule-ignored' });
    },
  ]);

  const sidecarNamespaces = Math.max(1, Math.min(perRule, Math.floor(plan.namespaces.length / 2)));
  for (const ns of rng.shuffle(plan.namespaces).slice(0, sidecarNamespaces)) {
    ns.plants.push({ rule: 'multiple-namespace-sidecars' });
  }

  return { ...plan, configNamespaces, ingress: { ...plan.ingress, orphanGateways } };
}
