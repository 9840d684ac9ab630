import { asMap, get, items, str } from '../parse/access';
import type { YNode } from '../parse/types';
import { ownPair } from './support/edits';
import { addMapEntry } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext } from './types';

const TERMINATING_MODES = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'];

/**
 * A Gateway server that terminates TLS needs a certificate. Istio's validation (validateServer,
 * validateTLSOptions) rejects an HTTPS/TLS port without `tls` ("server must have TLS settings for
 * HTTPS/TLS protocols"), SIMPLE/MUTUAL/OPTIONAL_MUTUAL without any of credentialName,
 * credentialNames, tlsCertificates or serverCertificate+privateKey ("requires a server
 * certificate"/"requires a private key"), and file-based MUTUAL without caCertificates.
 */
export const rule: LocalRule = {
  id: 'gateway-tls-without-certificate',
  meta: {
    description:
      'A Gateway server terminates TLS (HTTPS/TLS port, or SIMPLE/MUTUAL mode) without a certificate, which Istio rejects.',
    defaultSeverity: 'error',
    crossFile: false,
    fixable: true,
    kinds: ['Gateway'],
    messages: {
      noTls: 'Istio rejects this server: protocol {protocol} needs tls settings (mode and credentialName).',
      noCert:
        "Istio rejects this server: TLS mode {mode} needs a certificate — set credentialName (a Secret in the gateway's namespace) or serverCertificate and privateKey.",
      noCa: 'Istio rejects this server: {mode} with file-based certificates also needs caCertificates to verify clients (or use credentialName with a ca.crt).',
    },
  },
  check(ctx) {
    for (const server of items(get(ctx.node, 'spec', 'servers'))) {
      const protocol = str(get(server, 'port', 'protocol'));
      const tls = ownPair(server, 'tls');
      const tlsMap = asMap(tls?.pair.value);
      const upper = protocol?.value.toUpperCase();
      // A template may write the tls block or the certificate a server seems to lack.
      if (protocol && (upper === 'HTTPS' || upper === 'TLS') && !tlsMap) {
        if (ctx.isTemplated(server)) continue;
        ctx.report({
          span: protocol.span,
          messageId: 'noTls',
          data: { protocol: protocol.value },
          fixes: [addTlsFix(ctx, server)].filter((f): f is Fix => f !== undefined),
        });
        continue;
      }
      const mode = str(get(tlsMap, 'mode'));
      if (!tlsMap || !mode || !TERMINATING_MODES.includes(mode.value) || ctx.isTemplated(tlsMap)) continue;
      const has = (k: string) => get(tlsMap, k) !== undefined;
      const credential = has('credentialName') || items(get(tlsMap, 'credentialNames')).length > 0;
      const files = has('serverCertificate') && has('privateKey');
      if (!credential && !files && items(get(tlsMap, 'tlsCertificates')).length === 0) {
        ctx.report({
          span: mode.span,
          messageId: 'noCert',
          data: { mode: mode.value },
          fixes: [
            {
              title: `Add credentialName: ${credentialGuess(ctx)}`,
              isPreferred: false,
              edits: [
                {
                  file: ctx.resource.file,
                  edits: [addMapEntry(ctx.text, tlsMap, 'credentialName', { inline: credentialGuess(ctx) })],
                },
              ],
            },
          ],
        });
      } else if (!credential && mode.value !== 'SIMPLE' && !has('caCertificates')) {
        ctx.report({ span: mode.span, messageId: 'noCa', data: { mode: mode.value } });
      }
    }
  },
};

function credentialGuess(ctx: LocalRuleContext): string {
  return `${ctx.resource.name ?? 'gateway'}-credential`;
}

function addTlsFix(ctx: LocalRuleContext, server: YNode): Fix | undefined {
  const map = asMap(server);
  if (!map) return undefined;
  const credential = credentialGuess(ctx);
  return {
    title: `Add tls: {mode: SIMPLE, credentialName: ${credential}}`,
    isPreferred: false,
    edits: [
      {
        file: ctx.resource.file,
        edits: [
          addMapEntry(ctx.text, map, 'tls', {
            lines: ['  mode: SIMPLE', `  credentialName: ${credential}`],
            flow: `{mode: SIMPLE, credentialName: ${credential}}`,
          }),
        ],
      },
    ],
  };
}
