import { asScalar, get } from '../parse/access';
import { CLUSTER_DOMAIN, isShortName, isWildcard, parseServiceFqdn, resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import { canMoveNamespace, resourceNode, setNamespaceEdit } from './support/resourceEdit';
import { replaceScalar } from './support/yamlEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix, RelatedInfo, TextEdit } from './types';

/**
 * A DestinationRule Istio never applies. Proxies look DestinationRules up in their own namespace,
 * then the service's namespace, then the root namespace; a rule anywhere else only reaches
 * clients in its own namespace, and with none there it does nothing. A short host is resolved in
 * the rule's namespace, so `host: reviews` outside the reviews namespace names a service that
 * does not exist.
 */
export const rule: CrossFileRule = {
  id: 'destination-rule-ignored',
  meta: {
    description:
      'A DestinationRule sits where no proxy looks it up, or its short host names a service that does not exist in its namespace.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      noClients:
        "This DestinationRule for {host} is never applied: it is in namespace {namespace}, which is neither the service's namespace ({serviceNamespace}) nor the root namespace ({root}), and no workload in the workspace runs in {namespace}. Istio only looks up DestinationRules in the client's, the service's and the root namespace.",
      shortHost:
        'Host "{written}" is resolved in the DestinationRule\'s namespace, as {host}, and no Service defines that; Service {name} is in namespace {elsewhere}. Short names are not searched in other namespaces.',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    if (!dr.drHost) return;
    const written = dr.drHost.value.trim().toLowerCase();
    const host = resolveHost(written, dr.namespace);
    if (isShortName(written)) checkShortHost(ctx, dr, written, host);
    else if (!isWildcard(host)) checkPlacement(ctx, dr, host);
  },
};

/** Case 1: the rule is outside every namespace on the lookup path of any client the workspace shows. */
function checkPlacement(ctx: CrossFileRuleContext, dr: Resource, host: string): void {
  const { index } = ctx;
  const root = index.rootNamespace;
  if (dr.namespace === root) return;
  const providers = index.servicesForHost(host);
  // A host no Service or ServiceEntry of the workspace defines says the workspace does not show
  // that service's side of the mesh (config kept apart from the apps, or an external host): where
  // its clients run cannot be judged either.
  if (providers.length === 0) return;
  const serviceNamespaces = new Set(providers.map(p => p.namespace));
  const fromName = parseServiceFqdn(host)?.namespace;
  if (fromName) serviceNamespaces.add(fromName);
  if (serviceNamespaces.has(dr.namespace)) return;
  // Clients in the rule's own namespace do use it: that is how per-client overrides are written.
  if (index.workloads(dr.namespace).length > 0) return;
  // Gateway pods usually run next to their Gateway resources and are often installed elsewhere.
  if (index.ofKind('Gateway', dr.namespace).length > 0) return;
  // Without any workload in the workspace, "no workload runs there" says nothing.
  if (index.workloadNamespaces().length === 0 || index.hasIncompleteWorkloads(dr.namespace)) return;
  const serviceNamespace = fromName ?? [...serviceNamespaces].sort()[0];
  const fixes: Fix[] = [];
  if (canMoveNamespace(dr, ctx.settings)) {
    if (index.destinationRulesExact(serviceNamespace, host).length === 0) {
      fixes.push(
        moveFix(
          dr,
          serviceNamespace,
          undefined,
          `Move to namespace ${serviceNamespace} (the service's namespace)`,
          true,
        ),
      );
    }
    // Last and never preferred: in the root namespace the rule applies to every client in the mesh.
    if (index.destinationRulesExact(root, host).length === 0) {
      fixes.push(moveFix(dr, root, undefined, `Move to the root namespace ${root} (applies mesh-wide)`, false));
    }
  }
  ctx.report({
    span: dr.drHost!.span,
    messageId: 'noClients',
    data: { host, namespace: dr.namespace, serviceNamespace, root },
    related: providers.map(serviceRelated),
    fixes,
  });
}

/** Case 2: `host: reviews` in a namespace without a reviews Service, while one exists elsewhere. */
function checkShortHost(ctx: CrossFileRuleContext, dr: Resource, name: string, host: string): void {
  const { index } = ctx;
  if (index.servicesForHost(host).length > 0) return;
  const elsewhere = index.servicesNamed(name).filter(s => s.namespace !== dr.namespace);
  if (elsewhere.length === 0) return;
  // A templated Service or ServiceEntry of the namespace could be the one that defines the host.
  if (index.hasIncomplete('Service', dr.namespace) || index.hasIncomplete('ServiceEntry', dr.namespace)) return;
  const namespaces = [...new Set(elsewhere.map(s => s.namespace))].sort();
  const root = index.rootNamespace;
  const hasClients = dr.namespace === root || index.workloads(dr.namespace).length > 0;
  const movable = canMoveNamespace(dr, ctx.settings);
  // The service's namespace first, then the full host name where the rule is, the root namespace last.
  const moves: Fix[] = [];
  const fullNames: Fix[] = [];
  for (const ns of namespaces.slice(0, 3)) {
    const fqdn = `${name}.${ns}.svc.${CLUSTER_DOMAIN}`;
    // Next to a rule for the same host, either fix would only trade this finding for a duplicate.
    if (movable && index.destinationRulesExact(ns, fqdn).length === 0) {
      moves.push(
        moveFix(
          dr,
          ns,
          fqdn,
          `Move to namespace ${ns} (the service's namespace) and set host to ${fqdn}`,
          !hasClients && namespaces.length === 1,
        ),
      );
    }
    // With clients in its namespace, the rule may well be a per-client override: kept there, it
    // works with the full name. Without, it is still what the author meant, so offered, not preferred.
    if (index.destinationRulesExact(dr.namespace, fqdn).length === 0) {
      fullNames.push(
        moveFix(dr, undefined, fqdn, `Use the full host name ${fqdn}`, hasClients && namespaces.length === 1),
      );
    }
  }
  const fixes: Fix[] = hasClients ? [...fullNames, ...moves] : [...moves, ...fullNames];
  const only = namespaces.length === 1 ? `${name}.${namespaces[0]}.svc.${CLUSTER_DOMAIN}` : undefined;
  if (movable && only && dr.namespace !== root && index.destinationRulesExact(root, only).length === 0) {
    // Last and never preferred: in the root namespace the rule applies to every client in the mesh.
    fixes.push(
      moveFix(dr, root, only, `Move to the root namespace ${root} (applies mesh-wide) and set host to ${only}`, false),
    );
  }
  ctx.report({
    span: dr.drHost!.span,
    messageId: 'shortHost',
    data: { written: dr.drHost!.value, host, name, elsewhere: namespaces.join(', ') },
    related: elsewhere.map(serviceRelated),
    fixes,
  });
}

function serviceRelated(s: Resource): RelatedInfo {
  return { file: s.file, span: s.nameSpan ?? s.span, message: `${s.kind} ${s.namespace}/${s.name ?? '?'}` };
}

/**
 * Moves the rule to `namespace` and/or rewrites its host. The host is written as an FQDN when
 * the rule moves, so that it keeps naming the same service from its new namespace.
 */
function moveFix(
  dr: Resource,
  namespace: string | undefined,
  host: string | undefined,
  title: string,
  isPreferred: boolean,
): Fix {
  return {
    title,
    isPreferred,
    compute: ({ readText }) => {
      const text = readText(dr.file);
      if (text === undefined) return undefined;
      const node = resourceNode(text, dr);
      if (!node) return undefined;
      const edits: TextEdit[] = [];
      if (namespace !== undefined) {
        const edit = setNamespaceEdit(text, node, namespace);
        if (!edit) return undefined;
        edits.push(edit);
      }
      if (host !== undefined) {
        const scalar = asScalar(get(node, 'spec', 'host'));
        if (!scalar) return undefined;
        edits.push(replaceScalar(scalar, host));
      }
      return [{ file: dr.file, edits }];
    },
  };
}
