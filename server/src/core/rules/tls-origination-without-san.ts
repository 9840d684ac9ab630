import { asMap, asScalar, get, items, str } from '../parse/access';
import { isWildcard } from '../model/hosts';
import { ownPair } from './support/edits';
import { policyLevels } from './support/trafficPolicy';
import { addMapEntry } from './support/yamlEdit';
import type { Fix, LocalRule } from './types';

/**
 * TLS origination with `caCertificates` but no `subjectAltNames` checks that the server's
 * certificate chains to the CA, not that it belongs to the server: any certificate that CA ever
 * issued is accepted. Istio adds Envoy's auto SAN validation (against the request's Host) only for
 * HTTP traffic and only when `sni` is not set; TCP/TLS traffic and explicit `sni` get none.
 */
export const rule: LocalRule = {
  id: 'tls-origination-without-san',
  meta: {
    description: 'A DestinationRule originates TLS (SIMPLE/MUTUAL) with caCertificates but without subjectAltNames.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      noSan:
        'TLS {mode} in {where} verifies the server certificate against caCertificates but not its name: any certificate from that CA is accepted{auto}. Add subjectAltNames.',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    const host = str(get(spec, 'host'))?.value;
    for (const level of policyLevels(spec)) {
      const tls = asMap(get(level.node, 'tls'));
      const mode = str(get(tls, 'mode'))?.value;
      if (!tls || (mode !== 'SIMPLE' && mode !== 'MUTUAL')) continue;
      const ca = ownPair(tls, 'caCertificates');
      if (!ca || !str(ca.pair.value)?.value) continue;
      if (items(get(tls, 'subjectAltNames')).length > 0) continue;
      // A template may write the subjectAltNames this block seems to lack.
      if (ctx.isTemplated(tls)) continue;
      if (asScalar(get(tls, 'insecureSkipVerify'))?.value === true) continue;
      const sni = str(get(tls, 'sni'))?.value;
      const san = sni ?? (host && !isWildcard(host) ? host : undefined);
      const fixes: Fix[] = san
        ? [
            {
              title: `Add subjectAltNames: [${san}]`,
              isPreferred: true,
              edits: [
                {
                  file: ctx.resource.file,
                  edits: [addMapEntry(ctx.text, tls, 'subjectAltNames', { lines: [`- ${san}`], flow: `[${san}]` })],
                },
              ],
            },
          ]
        : [];
      ctx.report({
        span: ca.key.span,
        messageId: 'noSan',
        data: {
          mode,
          where: level.where,
          auto: sni
            ? ' (sni is set, so Istio adds no automatic SAN check)'
            : " (Istio's automatic SAN check covers HTTP requests only)",
        },
        fixes,
      });
    }
  },
};
