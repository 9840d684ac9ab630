import type { CodeAction, CodeActionParams, WorkspaceEdit } from 'vscode-languageserver';
import { planGatewayMigration, type GatewayMigrationPlan } from '../core/analysis/gatewayMigration';
import { cursorOf, type ServerContext } from './context';
import type { MigrateGatewayParams, MigrateGatewayPlan } from './requests';

/** The code action kind of "Migrate Gateway to Gateway API" (a refactor that creates a file). */
export const MIGRATE_GATEWAY_KIND = 'refactor.rewrite.istio.gatewayApi';
/** The client command that shows what the migration did not translate. */
export const SHOW_MIGRATION_SUMMARY_COMMAND = 'istio.showMigrationSummary';
const ANNOTATION = 'migrate-gateway';
const REVIEW = 'migrate-gateway-review';

/**
 * `istio/migrateGatewayPlan`: the Gateway API resources for the Istio Gateway at the position (or
 * the one a VirtualService there is bound to), as a WorkspaceEdit that creates a new file next to
 * it, annotated so that VS Code opens the refactor preview.
 * Nothing is applied here, and the Istio resources stay as they are.
 */
export function migrateGatewayPlan(ctx: ServerContext, params: MigrateGatewayParams): MigrateGatewayPlan {
  const target = params.position
    ? cursorOf(ctx, { textDocument: { uri: params.uri }, position: params.position })
    : { file: ctx.uris.toPath(params.uri) };
  if (!target) return { error: 'the file could not be read', resources: [], notes: [] };
  const plan = planGatewayMigration(ctx.host.analyzer, target, f => ctx.host.readText(f));
  if ('error' in plan) return { error: plan.error, resources: [], notes: [] };
  const uri = ctx.uris.toUri(plan.file);
  return {
    edit: createFileEdit(uri, ctx.uris.toUri(plan.gateway.file), plan),
    uri,
    text: plan.text,
    gateway: { name: plan.gateway.name, namespace: plan.gateway.namespace, uri: ctx.uris.toUri(plan.gateway.file) },
    resources: plan.resources,
    notes: plan.notes.map(n => ({
      severity: n.severity,
      uri: ctx.uris.toUri(n.file),
      line: n.line,
      kind: n.kind,
      name: n.name,
      field: n.field,
      message: n.message,
    })),
  };
}

/**
 * "Migrate Gateway … to Gateway API" on an Istio Gateway or a VirtualService bound to one. The
 * edit creates the new file (reviewed in the refactor preview); the command then shows the
 * summary of what was not translated.
 */
export function migrateGatewayActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const plan = migrateGatewayPlan(ctx, { uri: params.textDocument.uri, position: params.range.start });
  if (!plan.edit || !plan.gateway) return [];
  return [
    {
      title: `Migrate Gateway ${plan.gateway.name} to Gateway API`,
      kind: MIGRATE_GATEWAY_KIND,
      edit: plan.edit,
      command: { title: 'Show the migration summary', command: SHOW_MIGRATION_SUMMARY_COMMAND, arguments: [plan] },
    },
  ];
}

/**
 * Creates the new file. VS Code opens the refactor preview only for an edit with an annotation
 * that `needsConfirmation`, and leaves such changes unticked (Apply would then apply nothing):
 * so the changes themselves are ticked, and one no-op change needs confirmation — creating the
 * existing Istio file with `ignoreIfExists`, which changes nothing even if applied.
 */
function createFileEdit(uri: string, sourceUri: string, plan: GatewayMigrationPlan): WorkspaceEdit {
  return {
    documentChanges: [
      { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false }, annotationId: ANNOTATION },
      {
        textDocument: { uri, version: null },
        edits: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            newText: plan.text,
            annotationId: ANNOTATION,
          },
        ],
      },
      { kind: 'create', uri: sourceUri, options: { ignoreIfExists: true }, annotationId: REVIEW },
    ],
    changeAnnotations: {
      [ANNOTATION]: {
        label: `Migrate Gateway ${plan.gateway.name} to Gateway API`,
        description: `${plan.resources.length} Gateway API resources in a new file`,
        needsConfirmation: false,
      },
      [REVIEW]: { label: 'Review the new file', needsConfirmation: true },
    },
  };
}
