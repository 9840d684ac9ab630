import { BUILTIN_META } from '../../../server/src/core/rules/builtin';
import { ALL_RULES } from '../../../server/src/core/rules/index';
import { ruleDocsUrl } from '../../../server/src/core/rules/types';

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * The `properties` of package.json's `istio.rules` setting as the server's rules define them: one
 * entry per rule id with its description and default severity, in the order rules are listed.
 * scripts/syncRuleSettings.mjs writes it; manifest.test.ts checks it.
 */
export function ruleSettingProperties(): Record<string, { type: string; enum: string[]; markdownDescription: string }> {
  const out: Record<string, { type: string; enum: string[]; markdownDescription: string }> = {};
  const entries = [
    ...ALL_RULES.map(r => ({ id: r.id, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity, docs: ruleDocsUrl(r.id) })),
    ...Object.entries(BUILTIN_META).map(([id, m]) => ({ id, description: m.description, defaultSeverity: m.defaultSeverity, docs: undefined })),
  ];
  for (const { id, description, defaultSeverity, docs } of entries) {
    out[id] = {
      type: 'string',
      enum: SEVERITIES,
      markdownDescription: `${description} Default: \`${defaultSeverity}\`.${docs ? ` [Docs](${docs})` : ''}`,
    };
  }
  return out;
}
