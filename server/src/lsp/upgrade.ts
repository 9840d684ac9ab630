import { planUpgrade } from '../core/analysis/upgrade';
import { currentLineStarts, type ServerContext } from './context';
import { toWorkspaceEdit } from './convert';
import type { UpgradePlan, UpgradePlanParams } from './requests';

/**
 * `istio/upgradePlan`: what "Upgrade to v1" would change, as one WorkspaceEdit the client applies
 * (with its refactor preview), plus what changes and what is skipped and why. Nothing is applied
 * here. Files that are not open are read from disk by the host.
 */
export function upgradePlan(ctx: ServerContext, params: UpgradePlanParams | null | undefined): UpgradePlan {
  const file = params?.uri ? ctx.uris.toPath(params.uri) : undefined;
  const plan = planUpgrade(ctx.host.analyzer, { file }, f => ctx.host.readText(f));
  return {
    edit: toWorkspaceEdit(plan.edits, f => currentLineStarts(ctx, f), ctx.uris),
    changed: plan.changed.map(c => ({
      uri: ctx.uris.toUri(c.file),
      line: c.line,
      kind: c.kind,
      name: c.name,
      from: c.from,
      to: c.to,
    })),
    skipped: plan.skipped.map(s => ({
      uri: ctx.uris.toUri(s.file),
      line: s.line,
      kind: s.kind,
      name: s.name,
      reason: s.reason,
    })),
  };
}
