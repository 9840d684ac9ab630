import * as fs from 'fs';
import * as path from 'path';

/** Files the benchmark adds to a corpus for its edit scenarios, and removes afterwards. */
export interface EditFixture {
  readonly drFile: string;
  readonly vsFiles: readonly string[];
  readonly dependents: number;
  readonly diskFiles: number;
  readonly diskFilePaths: readonly string[];
  /** In vsFiles[0]: on the subset value, and on the destination host. */
  readonly subsetPosition: { line: number; character: number };
  readonly hostPosition: { line: number; character: number };
  drText(subset: string): string;
  rewriteDiskFiles(subset: string): void;
  remove(): void;
}

const NS = 'bench-edits';
const DEPENDENTS = 40;
const DISK_FILES = 500;

export function createEditFixture(corpus: string): EditFixture {
  const dir = path.join(corpus, 'zz-bench-edits');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const workload = (name: string) =>
    [
      'apiVersion: v1',
      'kind: Service',
      `metadata: {name: ${name}, namespace: ${NS}}`,
      `spec: {selector: {app: ${name}}, ports: [{name: http, port: 80}]}`,
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      `metadata: {name: ${name}-v1, namespace: ${NS}}`,
      `spec: {selector: {matchLabels: {app: ${name}, version: v1}}, template: {metadata: {labels: {app: ${name}, version: v1}}}}`,
      '',
    ].join('\n');
  const dr = (host: string, subset: string) =>
    [
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      `metadata: {name: ${host}, namespace: ${NS}}`,
      'spec:',
      `  host: ${host}`,
      '  subsets:',
      `  - name: ${subset}`,
      '    labels: {version: v1}',
      '',
    ].join('\n');
  const vs = (name: string, host: string, subset: string) =>
    [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      `metadata: {name: ${name}, namespace: ${NS}}`,
      'spec:',
      `  hosts: [${name}]`,
      '  http:',
      '  - route:',
      '    - destination:',
      `        host: ${host}`,
      `        subset: ${subset}`,
      '',
    ].join('\n');
  fs.writeFileSync(path.join(dir, 'workloads.yaml'), `${workload('target')}---\n${workload('target2')}`);
  const drFile = path.join(dir, 'dr.yaml');
  fs.writeFileSync(drFile, dr('target', 'v1'));
  fs.writeFileSync(path.join(dir, 'dr2.yaml'), dr('target2', 'v1'));
  const vsFiles: string[] = [];
  for (let i = 0; i < DEPENDENTS; i++) {
    const file = path.join(dir, `vs-${String(i).padStart(2, '0')}.yaml`);
    fs.writeFileSync(file, vs(`front-${i}`, 'target', 'v1'));
    vsFiles.push(file);
  }
  const diskFilePaths: string[] = [];
  const writeDisk = (subset: string) => {
    for (let i = 0; i < DISK_FILES; i++) {
      const file = path.join(dir, `disk-${String(i).padStart(3, '0')}.yaml`);
      fs.writeFileSync(file, vs(`disk-${i}`, 'target2', subset));
      if (diskFilePaths.length < DISK_FILES) diskFilePaths.push(file);
    }
  };
  writeDisk('v1');
  return {
    drFile,
    vsFiles,
    dependents: DEPENDENTS,
    diskFiles: DISK_FILES,
    diskFilePaths,
    subsetPosition: { line: 9, character: 16 },
    hostPosition: { line: 8, character: 15 },
    drText: subset => dr('target', subset),
    rewriteDiskFiles: writeDisk,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
