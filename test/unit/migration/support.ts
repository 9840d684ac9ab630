import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import {
  planGatewayMigration,
  type GatewayMigrationPlan,
  type MigrationTarget,
} from '../../../server/src/core/analysis/gatewayMigration';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';

/** Runs the migration planner over a workspace of files, as the server does. */
export function planFor(files: ReadonlyMap<string, string>, target: MigrationTarget): GatewayMigrationPlan {
  const analyzer = analyzeFixture(new Map(files));
  const plan = planGatewayMigration(analyzer, target, f => files.get(f));
  if ('error' in plan) assert.fail(`migration failed: ${plan.error}`);
  return plan;
}

/** The generated documents as plain objects. */
export function generatedObjects(plan: GatewayMigrationPlan): Record<string, unknown>[] {
  return parseAllDocuments(plan.text).map(d => {
    assert.deepStrictEqual(d.errors, [], 'the generated YAML parses');
    return d.toJS() as Record<string, unknown>;
  });
}

/** The generated object of `kind` named `name`. */
export function generated(plan: GatewayMigrationPlan, kind: string, name: string): Record<string, unknown> {
  const found = generatedObjects(plan).find(
    o => o.kind === kind && (o.metadata as { name?: string } | undefined)?.name === name,
  );
  assert.ok(found, `${kind} ${name} in:\n${plan.text}`);
  return found;
}

/**
 * istio-ls's own engine (every rule, cross-file included) over the workspace plus the generated
 * file: the findings in the generated file, described.
 */
export function lintGenerated(files: ReadonlyMap<string, string>, plan: GatewayMigrationPlan): string[] {
  const withPlan = new Map(files);
  withPlan.set(plan.file, plan.text);
  const analyzer = analyzeFixture(withPlan);
  return placedFindings(analyzer, [plan.file]).map(describeFinding);
}

/** `kind name field` of every note, for asserting what the summary lists. */
export function noteFields(plan: GatewayMigrationPlan, severity?: 'warning' | 'info'): string[] {
  return plan.notes.filter(n => !severity || n.severity === severity).map(n => `${n.kind} ${n.name} ${n.field}`);
}
