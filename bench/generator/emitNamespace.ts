import { type Doc, type FileSet, type NsCtx } from './files';
import { teamGatewayDoc } from './emitIngress';
import {
  type PolicyKind,
  authorizationDoc,
  namespaceAuthorizationDocs,
  peerAuthDocs,
  plantedSelectorDoc,
  requestAuthenticationDoc,
  sidecarDocs,
  telemetryDocs,
} from './emitPolicies';
import {
  clientDrDoc,
  edgeVsDoc,
  externalDocs,
  guestDoc,
  overrideVsDoc,
  partnerVsDoc,
  publicVsDoc,
  siblingDocs,
} from './emitRoutes';
import { destinationRuleDoc, virtualServiceDoc } from './emitTraffic';
import { configMapDoc, hpaDoc, pdbDoc, serviceDoc, workloadDocs } from './emitWorkloads';
import { type AppNamespace, type Service } from './model';

/**
 * One application namespace, in one of two layouts: plain (`apps/<ns>/…`, every document names its
 * namespace) or kustomize (`apps/<ns>/base/…` without namespaces, and an overlay that sets it).
 */
export function emitNamespace(files: FileSet, ctx: NsCtx, ns: AppNamespace): void {
  const dir = `apps/${ns.name}`;
  const base = ns.kustomize ? `${dir}/base` : dir;
  const nsDoc: Doc = [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    `  name: ${ns.name}`,
    '  labels:',
    '    istio-injection: enabled',
    `    team: ${ns.team}`,
  ];
  files.add(ns.kustomize ? `${dir}/overlays/${ns.kustomize.env}/namespace.yaml` : `${dir}/namespace.yaml`, [nsDoc]);

  const policies: Record<PolicyKind, Doc[]> = {
    peer: peerAuthDocs(ctx, ns),
    authz: namespaceAuthorizationDocs(ctx, ns),
    sidecar: sidecarDocs(ctx, ns),
    telemetry: telemetryDocs(ctx, ns),
  };
  for (const svc of ns.services) emitService(files, ctx, svc, base, policies);
  const onePolicyFile = ctx.rng.chance(0.3);
  const policyFiles: Record<PolicyKind, string> = {
    peer: 'peer-authentication',
    authz: 'authorization-policies',
    sidecar: 'sidecar',
    telemetry: 'telemetry',
  };
  for (const kind of Object.keys(policyFiles) as PolicyKind[]) {
    const docs = policies[kind];
    if (docs.length > 0) files.add(`${base}/policies/${onePolicyFile ? 'policies' : policyFiles[kind]}.yaml`, docs);
  }

  const egress = ns.externals.flatMap(ext => externalDocs(ctx, ext));
  if (egress.length > 0)
    files.add(`${base}/egress.yaml`, egress, { header: ['# External dependencies of this namespace.'] });
  if (ns.clientDrs.length > 0)
    files.add(
      `${base}/routing/client-policies.yaml`,
      ns.clientDrs.map(t => clientDrDoc(ctx, t)),
    );
  if (ns.overrideVs.length > 0)
    files.add(
      `${base}/routing/overrides.yaml`,
      ns.overrideVs.map(t => overrideVsDoc(ctx, t)),
    );
  for (const guest of ns.guests)
    files.add(`${base}/routing/${guest.ns.name}-${guest.name}.yaml`, [guestDoc(ctx, guest)]);
  if (ns.edge === 'local') files.add(`${base}/routing/edge.yaml`, [edgeVsDoc(ctx, ns, false)]);
  if (ns.partner) files.add(`${base}/routing/partners.yaml`, [partnerVsDoc(ctx, ns)]);
  if (ns.teamGateway) files.add(`${base}/gateway.yaml`, [teamGatewayDoc(ctx, ns)]);

  if (ns.kustomize) kustomization(files, dir, base, ns.name, ns.kustomize.env, ns.kustomize.listFiles);
}

function emitService(
  files: FileSet,
  ctx: NsCtx,
  svc: Service,
  base: string,
  policies: Record<PolicyKind, Doc[]>,
): void {
  const { rng } = ctx;
  const workloads = workloadDocs(ctx, svc);
  const service = serviceDoc(ctx, svc);
  const vs = svc.routing ? [virtualServiceDoc(ctx, svc)] : [];
  const dr = svc.routing || svc.drOnly ? [destinationRuleDoc(ctx, svc)] : [];
  const pub = publicVsDoc(ctx, svc);
  const edgeVs = pub ? [pub] : [];
  const siblings = siblingDocs(ctx, svc);
  const siblingFile = svc.plant?.rule === 'duplicate-destination-rule' && svc.plant.ownFile;
  const ops = [...(svc.hpa ? [hpaDoc(ctx, svc)] : []), ...(svc.pdb ? [pdbDoc(ctx, svc)] : [])];
  const config = svc.configMap ? [configMapDoc(ctx, svc)] : [];
  // Selectors only ever target Deployments' pods, so analyzers that index only Deployments agree.
  const security = [
    ...(svc.authz && !svc.stateful ? [authorizationDoc(ctx, svc)] : []),
    ...(svc.publicVs && rng.chance(0.3) ? [requestAuthenticationDoc(ctx, svc)] : []),
  ];
  const planted = plantedSelectorDoc(ctx, svc);
  if (planted) policies[planted.kind].push(planted.doc);

  const d = `${base}/${svc.name}`;
  const add = (path: string, docs: Doc[], leadingSeparator = false): void => {
    if (docs.length > 0) files.add(path, docs, { leadingSeparator });
  };
  const header = rng.chance(0.15)
    ? { header: [`# ${svc.name}: owned by team ${svc.ns.team}. Changes need a review from #${svc.ns.team}-oncall.`] }
    : {};
  switch (svc.layout) {
    case 'split':
      files.add(`${d}/deployment.yaml`, workloads, header);
      add(`${d}/service.yaml`, [service]);
      add(`${d}/virtualservice.yaml`, [...vs, ...edgeVs]);
      add(`${d}/destinationrule.yaml`, dr);
      add(`${d}/${siblingFile ? 'destinationrule-defaults' : 'planted'}.yaml`, siblings);
      add(`${d}/autoscaling.yaml`, ops);
      add(`${d}/configmap.yaml`, config);
      add(`${d}/authorization-policy.yaml`, security);
      break;
    case 'combined':
      files.add(`${d}/deployment.yaml`, [...workloads, ...ops], header);
      add(`${d}/service.yaml`, [service]);
      add(
        `${d}/istio.yaml`,
        rng.chance(0.5)
          ? [...dr, ...vs, ...edgeVs, ...(siblingFile ? [] : siblings)]
          : [...vs, ...edgeVs, ...dr, ...(siblingFile ? [] : siblings)],
        true,
      );
      if (siblingFile) add(`${d}/destinationrule-defaults.yaml`, siblings);
      add(`${d}/configmap.yaml`, config);
      policies.authz.push(...security);
      break;
    case 'single':
      files.add(
        `${base}/${svc.name}.yaml`,
        [
          ...config,
          ...workloads,
          service,
          ...ops,
          ...dr,
          ...vs,
          ...edgeVs,
          ...security,
          ...(siblingFile ? [] : siblings),
        ],
        { ...header, leadingSeparator: rng.chance(0.3) },
      );
      if (siblingFile) add(`${base}/${svc.name}-defaults.yaml`, siblings);
      break;
    case 'pair':
      files.add(`${d}/k8s.yaml`, [...config, ...workloads, service, ...ops], header);
      add(`${d}/mesh.yaml`, [...vs, ...dr, ...edgeVs, ...security, ...(siblingFile ? [] : siblings)]);
      if (siblingFile) add(`${d}/mesh-defaults.yaml`, siblings);
      break;
  }
}

/**
 * Writes the kustomizations of a namespace: the overlay sets `namespace:` and lists either the
 * base directory (whose own kustomization lists its files) or the base files one by one.
 */
export function kustomization(
  files: FileSet,
  dir: string,
  base: string,
  ns: string,
  env: string,
  listFiles: boolean,
): void {
  const overlay = `${dir}/overlays/${env}`;
  const baseFiles = files
    .pathsUnder(`${base}/`)
    .map(p => p.slice(base.length + 1))
    .sort();
  const resources = ['namespace.yaml'];
  if (listFiles) {
    resources.push(...baseFiles.map(p => `../../base/${p}`));
  } else {
    resources.push('../../base');
    files.add(`${base}/kustomization.yaml`, [
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        ...baseFiles.map(p => `  - ${p}`),
      ],
    ]);
  }
  files.add(`${overlay}/kustomization.yaml`, [
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${ns}`,
      'resources:',
      ...resources.map(r => `  - ${r}`),
      'commonAnnotations:',
      `  deploy.example.com/environment: ${env}`,
      'images:',
      `  - name: registry.example.com/${ns}/*`,
      '    newTag: stable',
    ],
  ]);
}
