import { type FileSet } from './files';
import { SERVICE_NOUNS, TEAMS } from './names';
import { type Rng } from './rng';

/**
 * Files that are YAML but not Istio (CI workflows, tool configs), and Helm charts whose templates
 * are not YAML until rendered. Every Istio-relevant value in a template is a template expression,
 * so even an analyzer that parses templates leniently finds nothing to report there.
 */
export function emitExtras(files: FileSet, rng: Rng, charts: number, namespaces: number): void {
  files.addRaw('.github/workflows/ci.yaml', ciWorkflow(), 1);
  files.addRaw('.github/workflows/deploy.yml', deployWorkflow(), 1);
  files.addRaw(
    '.github/dependabot.yml',
    'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule: {interval: weekly}\n',
    1,
  );
  files.addRaw('.pre-commit-config.yaml', preCommit(), 1);
  files.addRaw(
    '.yamllint.yaml',
    'extends: default\nrules:\n  line-length: {max: 160}\n  document-start: disable\n  truthy:\n    allowed-values: ["true", "false", "on"]\n',
    1,
  );
  for (const noun of rng.shuffle(SERVICE_NOUNS).slice(0, charts)) emitChart(files, rng.fork(`chart:${noun}`), noun);
  const configs = Math.max(2, Math.round(namespaces / 4));
  for (let i = 0; i < configs; i++) {
    const r = rng.fork(`config:${i}`);
    const team = TEAMS[i % TEAMS.length]!;
    if (i % 3 === 0) files.addRaw(`tools/monitoring/${team}-${i}-alerts.yaml`, alertRules(r, team), 1);
    else if (i % 3 === 1) files.addRaw(`tools/flags/${team}-${i}.yml`, featureFlags(r, team), 1);
    else files.addRaw(`tools/local/${team}-${i}/docker-compose.yml`, compose(r, team), 1);
  }
}

function emitChart(files: FileSet, rng: Rng, name: string): void {
  const dir = `charts/${name}`;
  files.addRaw(
    `${dir}/Chart.yaml`,
    `apiVersion: v2\nname: ${name}\ndescription: A Helm chart for ${name}\ntype: application\nversion: 0.${rng.int(1, 30)}.${rng.int(0, 9)}\nappVersion: "${rng.int(1, 5)}.${rng.int(0, 20)}.0"\n`,
    1,
  );
  files.addRaw(
    `${dir}/values.yaml`,
    [
      '# Default values; override per environment.',
      'replicaCount: 2',
      'image:',
      `  repository: registry.example.com/charts/${name}`,
      '  tag: ""',
      'service:',
      '  port: 8080',
      'istio:',
      '  enabled: true',
      '  host: ""',
      '  gateway: istio-ingress/public-gateway',
      '  subsets: [v1]',
      'resources: {}',
      '',
    ].join('\n'),
    1,
  );
  files.addRaw(
    `${dir}/templates/_helpers.tpl`,
    `{{- define "${name}.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n\n{{- define "${name}.labels" -}}\napp: {{ include "${name}.fullname" . }}\nversion: {{ .Values.version | default "v1" }}\n{{- end -}}\n`,
    0,
  );
  files.addRaw(
    `${dir}/templates/deployment.yaml`,
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: {{ include "${name}.fullname" . }}`,
      '  namespace: {{ .Release.Namespace }}',
      '  labels:',
      `    {{- include "${name}.labels" . | nindent 4 }}`,
      'spec:',
      '  replicas: {{ .Values.replicaCount }}',
      '  selector:',
      '    matchLabels:',
      `      {{- include "${name}.labels" . | nindent 6 }}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        {{- include "${name}.labels" . | nindent 8 }}`,
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
      '          {{- with .Values.resources }}',
      '          resources:',
      '            {{- toYaml . | nindent 12 }}',
      '          {{- end }}',
      '',
    ].join('\n'),
    1,
  );
  files.addRaw(
    `${dir}/templates/service.yaml`,
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: {{ include "${name}.fullname" . }}`,
      '  namespace: {{ .Release.Namespace }}',
      'spec:',
      '  selector:',
      `    {{- include "${name}.labels" . | nindent 4 }}`,
      '  ports:',
      '    - name: http-web',
      '      port: {{ .Values.service.port }}',
      '',
    ].join('\n'),
    1,
  );
  files.addRaw(
    `${dir}/templates/istio.yaml`,
    [
      '{{- if .Values.istio.enabled }}',
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      `  name: {{ include "${name}.fullname" . }}`,
      '  namespace: {{ .Release.Namespace }}',
      'spec:',
      '  hosts:',
      '    - {{ .Values.istio.host | quote }}',
      '  gateways:',
      '    - {{ .Values.istio.gateway }}',
      '  http:',
      '    - route:',
      '        - destination:',
      `            host: {{ include "${name}.fullname" . }}`,
      '            {{- with .Values.istio.subsets }}',
      '            subset: {{ first . }}',
      '            {{- end }}',
      '---',
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata:',
      `  name: {{ include "${name}.fullname" . }}`,
      '  namespace: {{ .Release.Namespace }}',
      'spec:',
      `  host: {{ include "${name}.fullname" . }}`,
      '  subsets:',
      '  {{- range .Values.istio.subsets }}',
      '    - name: {{ . }}',
      '      labels: {version: {{ . }}}',
      '  {{- end }}',
      '{{- end }}',
      '',
    ].join('\n'),
    2,
  );
}

function ciWorkflow(): string {
  return `name: ci
on:
  pull_request:
    paths: ["apps/**", "clusters/**", "charts/**"]
  push:
    branches: [main]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Lint YAML
        run: yamllint -c .yamllint.yaml apps clusters
      - name: Istio analyze
        run: |
          istioctl analyze --recursive --use-kube=false apps clusters
      - name: Kustomize build
        run: |
          for overlay in apps/*/overlays/*; do
            kustomize build "$overlay" > /dev/null
          done
`;
}

function deployWorkflow(): string {
  return `name: deploy
on:
  workflow_dispatch:
    inputs:
      environment: {type: choice, options: [staging, prod], default: staging}
env:
  CLUSTER: mesh-\${{ inputs.environment }}
jobs:
  apply:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - uses: actions/checkout@v4
      - uses: azure/setup-kubectl@v4
      - run: kubectl apply --server-side -k clusters/prod
`;
}

function preCommit(): string {
  return `repos:
  - repo: https://github.com/adrienverge/yamllint
    rev: v1.35.1
    hooks:
      - id: yamllint
        exclude: ^charts/.*/templates/
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks: [{id: check-yaml, args: [--allow-multiple-documents], exclude: ^charts/}]
`;
}

function alertRules(rng: Rng, team: string): string {
  const lines = ['groups:', `  - name: ${team}-slo`, '    rules:'];
  for (let i = 0; i < rng.int(3, 8); i++) {
    lines.push(
      `      - alert: ${team.charAt(0).toUpperCase()}${team.slice(1)}HighErrorRate${i}`,
      `        expr: sum(rate(istio_requests_total{destination_workload_namespace=~"${team}.*",response_code=~"5.."}[5m])) > ${rng.int(1, 50)}`,
      `        for: ${rng.pick(['5m', '10m', '15m'])}`,
      '        labels: {severity: page}',
      '        annotations:',
      `          summary: "5xx rate above threshold for ${team}"`,
      '          runbook: >-',
      `            https://runbooks.example.com/${team}/high-error-rate`,
    );
  }
  return lines.join('\n') + '\n';
}

function featureFlags(rng: Rng, team: string): string {
  const lines = [
    `# Feature flags for ${team}; read by the flag service every 30s.`,
    'defaults: &defaults',
    '  enabled: false',
    '  rollout: 0',
    'flags:',
  ];
  for (let i = 0; i < rng.int(5, 15); i++) {
    lines.push(
      `  ${rng.pick(SERVICE_NOUNS)}-${rng.pick(['v2', 'beta', 'fast-path', 'new-ui'])}-${i}:`,
      '    <<: *defaults',
      `    enabled: ${rng.chance(0.5)}`,
      `    rollout: ${rng.int(0, 100)}`,
      `    owners: [${team}, platform]`,
    );
  }
  return lines.join('\n') + '\n';
}

function compose(rng: Rng, team: string): string {
  return `services:
  app:
    image: registry.example.com/${team}/app:latest
    ports: ["${rng.int(3000, 9000)}:8080"]
    environment:
      - DB_URL=postgres://app:app@db:5432/app
    depends_on: [db]
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: app}
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data: {}
`;
}
