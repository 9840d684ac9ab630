import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { planGatewayMigration } from '../../../server/src/core/analysis/gatewayMigration';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SAMPLES = 'third_party/istio/samples';

function yamlFiles(rel: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const child = `${dir}/${e.name}`;
      // The samples' own Gateway API versions would be the migrated resources' namesakes.
      if (e.isDirectory()) {
        if (e.name !== 'gateway-api') walk(child);
      } else if (/\.ya?ml$/.test(e.name)) out.set(`/ws/${child}`, fs.readFileSync(path.join(ROOT, child), 'utf8'));
    }
  };
  walk(rel);
  return out;
}

/**
 * Every Istio Gateway in Istio's samples, migrated in the samples workspace: the generated file
 * must be lint-clean there, whatever the sample uses (TLS modes, wildcards, several VirtualServices).
 */
describe("migration to Gateway API: every Istio Gateway of Istio's samples", function () {
  this.timeout(60000);
  const files = yamlFiles(SAMPLES);
  const analyzer = analyzeFixture(files);
  const gateways = [...analyzer.index.allFiles()].flatMap(s =>
    s.resources.filter(r => r.kind === 'Gateway' && r.group === 'networking.istio.io'),
  );

  it('finds the samples gateways', () => {
    assert.ok(gateways.length >= 9, `${gateways.length} Istio Gateways`);
  });

  it('migrates each one to a lint-clean file', () => {
    const problems: string[] = [];
    for (const gw of gateways) {
      const plan = planGatewayMigration(analyzer, { file: gw.file, offset: gw.span.start }, f => files.get(f));
      if ('error' in plan) {
        problems.push(`${gw.file} ${gw.name}: ${plan.error}`);
        continue;
      }
      const withPlan = new Map(files);
      withPlan.set(plan.file, plan.text);
      const findings = placedFindings(analyzeFixture(withPlan), [plan.file]);
      problems.push(...findings.map(f => `${gw.name}: ${describeFinding(f)}`));
    }
    assert.deepStrictEqual(problems, []);
  });

  it('migrates one of the alternative copies of a VirtualService (tcp-echo all-v1 and 20-v2) and says so', () => {
    const gw = gateways.find(g => g.name === 'tcp-echo-gateway')!;
    const plan = planGatewayMigration(analyzer, { file: gw.file, offset: gw.span.start }, f => files.get(f));
    assert.ok(!('error' in plan));
    assert.deepStrictEqual(
      plan.resources.map(r => `${r.kind} ${r.name}`),
      ['Gateway tcp-echo-gateway', 'TCPRoute tcp-echo'],
    );
    assert.deepStrictEqual(
      plan.notes.filter(n => /also defined in/.test(n.message)).map(n => `${n.name}: ${n.message}`),
      [
        'default/tcp-echo: not migrated: the same VirtualService is also defined in tcp-echo-20-v2.yaml, which was migrated.',
      ],
    );
  });
});
