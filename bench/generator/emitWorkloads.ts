import { type Doc, type NsCtx, indent, labelBlock, metadata } from './files';
import { type Service } from './model';

/**
 * Kubernetes workload documents for one service. Pod template labels are exactly `app` and
 * `version` (plus a few unrelated keys); every selector in the clean corpus is built from those.
 */
export function workloadDocs(ctx: NsCtx, svc: Service): Doc[] {
  const docs: Doc[] = svc.serviceAccount ? [serviceAccount(ctx, svc)] : [];
  for (const version of svc.versions)
    docs.push(svc.stateful ? statefulSet(ctx, svc, version) : deployment(ctx, svc, version));
  return docs;
}

function serviceAccount(ctx: NsCtx, svc: Service): Doc {
  return [
    'apiVersion: v1',
    'kind: ServiceAccount',
    ...metadata(
      ctx,
      svc.name,
      indent(
        2,
        labelBlock(ctx.rng, 'labels', [
          ['app', svc.name],
          ['account', svc.name],
        ]),
      ),
    ),
  ];
}

function deployment(ctx: NsCtx, svc: Service, version: string): Doc {
  const { rng } = ctx;
  const replicas = rng.int(1, 6);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    ...metadata(ctx, `${svc.name}-${version}`, [
      '  labels:',
      `    app: ${svc.name}`,
      `    version: ${version}`,
      `    app.kubernetes.io/part-of: ${svc.ns.name}`,
      `    team: ${svc.ns.team}`,
      `    app.kubernetes.io/managed-by: ${rng.pick(['kustomize', 'argocd', 'flux'])}`,
      '  annotations:',
      `    deployment.kubernetes.io/revision: "${rng.int(1, 120)}"`,
    ]),
    'spec:',
    `  replicas: ${replicas}`,
    `  revisionHistoryLimit: ${rng.pick([3, 5, 10])}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${svc.name}`,
    `      version: ${version}`,
    '  strategy:',
    '    type: RollingUpdate',
    '    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}',
    '  template:',
    ...indent(4, podTemplate(ctx, svc, version)),
  ];
}

function statefulSet(ctx: NsCtx, svc: Service, version: string): Doc {
  return [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    ...metadata(ctx, `${svc.name}-${version}`, ['  labels:', `    app: ${svc.name}`, `    version: ${version}`]),
    'spec:',
    `  serviceName: ${svc.name}`,
    `  replicas: ${ctx.rng.pick([1, 3])}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${svc.name}`,
    `      version: ${version}`,
    '  template:',
    ...indent(4, podTemplate(ctx, svc, version)),
    '  volumeClaimTemplates:',
    '    - metadata:',
    '        name: data',
    '      spec:',
    '        accessModes: ["ReadWriteOnce"]',
    `        storageClassName: ${ctx.rng.pick(['gp3', 'standard-rwo', 'premium-ssd'])}`,
    '        resources:',
    `          requests: {storage: ${ctx.rng.pick([10, 20, 50, 100])}Gi}`,
  ];
}

function podTemplate(ctx: NsCtx, svc: Service, version: string): string[] {
  const { rng } = ctx;
  const image = `registry.example.com/${svc.ns.name}/${svc.name}:${rng.int(1, 9)}.${rng.int(0, 40)}.${rng.int(0, 20)}`;
  const lines = [
    'metadata:',
    '  labels:',
    `    app: ${svc.name}`,
    `    version: ${version}`,
    `    tier: ${svc.protocol === 'tcp' ? 'data' : rng.pick(['backend', 'frontend', 'backend'])}`,
    '  annotations:',
    '    prometheus.io/scrape: "true"',
    `    prometheus.io/port: "${rng.pick([9090, 15020, 8081])}"`,
  ];
  if (rng.chance(0.3)) lines.push(`    sidecar.istio.io/proxyCPU: ${rng.pick(['50m', '100m', '200m'])}`);
  if (rng.chance(0.2)) lines.push('    proxy.istio.io/config: \'{ "holdApplicationUntilProxyStarts": true }\'');
  lines.push(
    'spec:',
    ...(svc.serviceAccount ? [`  serviceAccountName: ${svc.name}`] : []),
    `  terminationGracePeriodSeconds: ${rng.pick([30, 45, 60])}`,
    '  securityContext:',
    '    runAsNonRoot: true',
    `    runAsUser: ${rng.pick([1000, 10001, 65532])}`,
    '  containers:',
    `    - name: ${svc.name}`,
    `      image: ${image}`,
    '      imagePullPolicy: IfNotPresent',
    '      ports:',
    `        - containerPort: ${svc.targetPort}`,
    `          name: ${svc.protocol === 'tcp' ? 'tcp' : svc.protocol}-main`,
    '      env:',
    ...envVars(ctx, svc, version),
    '      resources:',
    `        requests: {cpu: ${rng.pick(['50m', '100m', '250m', '500m'])}, memory: ${rng.pick(['64Mi', '128Mi', '256Mi', '512Mi'])}}`,
    `        limits: {memory: ${rng.pick(['256Mi', '512Mi', '1Gi', '2Gi'])}}`,
  );
  if (svc.protocol !== 'tcp') {
    const path = svc.protocol === 'grpc' ? null : rng.pick(['/healthz', '/ready', '/actuator/health']);
    const probe = path
      ? [`  httpGet: {path: ${path}, port: ${svc.targetPort}}`]
      : ['  grpc:', `    port: ${svc.targetPort}`];
    lines.push(
      '      readinessProbe:',
      ...indent(6, probe),
      `        initialDelaySeconds: ${rng.pick([2, 5, 10])}`,
      '        periodSeconds: 10',
      '      livenessProbe:',
      ...indent(6, probe),
      `        failureThreshold: ${rng.pick([3, 5])}`,
    );
  }
  if (svc.protocol !== 'tcp') {
    lines.push(
      '      lifecycle:',
      '        preStop:',
      `          exec: {command: ["/bin/sh", "-c", "sleep ${rng.pick([5, 10, 15])}"]}`,
      '      securityContext:',
      '        allowPrivilegeEscalation: false',
      '        readOnlyRootFilesystem: true',
      '        capabilities: {drop: [ALL]}',
    );
  }
  if (svc.configMap) {
    lines.push(
      '      volumeMounts:',
      '        - name: config',
      '          mountPath: /etc/app',
      '          readOnly: true',
      '  volumes:',
      '    - name: config',
      '      configMap:',
      `        name: ${svc.name}-config`,
    );
  }
  return lines.concat(scheduling(ctx, svc, version));
}

/** Spreading and affinity blocks: bulk that real manifests carry and parsers must chew through. */
function scheduling(ctx: NsCtx, svc: Service, version: string): string[] {
  const { rng } = ctx;
  const out: string[] = [];
  if (rng.chance(0.2)) {
    out.push(
      '  topologySpreadConstraints:',
      '    - maxSkew: 1',
      '      topologyKey: topology.kubernetes.io/zone',
      `      whenUnsatisfiable: ${rng.pick(['ScheduleAnyway', 'DoNotSchedule'])}`,
      '      labelSelector:',
      '        matchLabels:',
      `          app: ${svc.name}`,
      `          version: ${version}`,
    );
  }
  if (rng.chance(0.12)) {
    out.push(
      '  affinity:',
      '    podAntiAffinity:',
      '      preferredDuringSchedulingIgnoredDuringExecution:',
      `        - weight: ${rng.pick([50, 100])}`,
      '          podAffinityTerm:',
      '            topologyKey: kubernetes.io/hostname',
      '            labelSelector:',
      `              matchLabels: {app: ${svc.name}}`,
      '    nodeAffinity:',
      '      requiredDuringSchedulingIgnoredDuringExecution:',
      '        nodeSelectorTerms:',
      '          - matchExpressions:',
      '              - key: node.kubernetes.io/pool',
      '                operator: In',
      `                values: [${rng.pick(['general', 'compute', 'memory'])}]`,
    );
  }
  if (rng.chance(0.15))
    out.push('  tolerations:', '    - {key: dedicated, operator: Equal, value: mesh, effect: NoSchedule}');
  return out;
}

function envVars(ctx: NsCtx, svc: Service, version: string): string[] {
  const { rng } = ctx;
  const vars: Array<[string, string]> = [
    ['SERVICE_NAME', svc.name],
    ['SERVICE_VERSION', version],
    ['LOG_LEVEL', rng.pick(['info', 'debug', 'warn'])],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability:4317'],
  ];
  if (rng.chance(0.6)) vars.push(['DB_POOL_SIZE', `"${rng.int(5, 50)}"`]);
  if (rng.chance(0.5)) vars.push(['FEATURE_FLAGS', rng.pick(['"new-checkout,fast-path"', '""', '"beta-ui"'])]);
  if (rng.chance(0.4)) vars.push(['CACHE_TTL_SECONDS', `"${rng.pick([30, 60, 300, 3600])}"`]);
  if (rng.chance(0.3))
    vars.push(['UPSTREAM_URL', `http://${rng.pick(svc.ns.services).name}.${svc.ns.name}.svc.cluster.local:8080`]);
  if (rng.chance(0.15))
    vars.push(['JAVA_TOOL_OPTIONS', '"-XX:MaxRAMPercentage=75 -XX:+UseG1GC -Dfile.encoding=UTF-8"']);
  const lines: string[] = [];
  for (const [name, value] of vars) lines.push(`        - name: ${name}`, `          value: ${value}`);
  lines.push(
    '        - name: POD_NAMESPACE',
    '          valueFrom:',
    '            fieldRef: {fieldPath: metadata.namespace}',
  );
  return lines;
}

export function serviceDoc(ctx: NsCtx, svc: Service): Doc {
  const { rng } = ctx;
  const ports: string[] = [];
  if (svc.protocol === 'tcp') {
    ports.push(
      `  - name: tcp-${svc.port === 5432 ? 'postgres' : svc.port === 6379 ? 'redis' : svc.port === 3306 ? 'mysql' : 'kafka'}`,
      `    port: ${svc.port}`,
      `    targetPort: ${svc.targetPort}`,
    );
  } else if (rng.chance(0.3)) {
    // Protocol selection by appProtocol instead of the port name prefix.
    ports.push(
      `  - name: ${svc.protocol === 'grpc' ? 'api' : 'web'}`,
      `    port: ${svc.port}`,
      `    targetPort: ${svc.targetPort}`,
      `    appProtocol: ${svc.protocol === 'grpc' ? 'grpc' : 'http'}`,
    );
  } else {
    ports.push(
      `  - name: ${svc.protocol}-${svc.protocol === 'grpc' ? 'api' : 'web'}`,
      `    port: ${svc.port}`,
      `    targetPort: ${svc.targetPort}`,
    );
  }
  if (svc.protocol !== 'tcp' && rng.chance(0.25))
    ports.push('  - name: http-metrics', '    port: 9102', '    targetPort: 9102');
  return [
    'apiVersion: v1',
    'kind: Service',
    ...metadata(
      ctx,
      svc.name,
      indent(
        2,
        labelBlock(
          rng,
          'labels',
          [
            ['app', svc.name],
            ['service', svc.name],
          ],
          0.3,
        ),
      ),
    ),
    'spec:',
    ...(svc.stateful ? ['  clusterIP: None'] : []),
    '  selector:',
    `    app: ${svc.name}`,
    '  ports:',
    ...indent(2, ports),
  ];
}

export function hpaDoc(ctx: NsCtx, svc: Service): Doc {
  const min = ctx.rng.int(2, 4);
  return [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    ...metadata(ctx, svc.name),
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${svc.name}-${svc.versions[0]}`,
    `  minReplicas: ${min}`,
    `  maxReplicas: ${min * ctx.rng.pick([3, 5, 10])}`,
    '  metrics:',
    '    - type: Resource',
    '      resource:',
    '        name: cpu',
    `        target: {type: Utilization, averageUtilization: ${ctx.rng.pick([60, 70, 80])}}`,
  ];
}

export function pdbDoc(ctx: NsCtx, svc: Service): Doc {
  return [
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    ...metadata(ctx, svc.name),
    'spec:',
    `  minAvailable: ${ctx.rng.pick(['1', '50%'])}`,
    '  selector:',
    `    matchLabels: {app: ${svc.name}}`,
  ];
}

/** Application config with an embedded YAML file, anchors and aliases, as real ConfigMaps have. */
export function configMapDoc(ctx: NsCtx, svc: Service): Doc {
  const { rng } = ctx;
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    ...metadata(ctx, `${svc.name}-config`),
    'data:',
    '  app.yaml: |',
    '    server:',
    `      port: ${svc.targetPort}`,
    `      shutdownTimeout: ${rng.pick(['10s', '30s'])}`,
    '    defaults: &defaults',
    `      timeoutMs: ${rng.pick([500, 1000, 2500])}`,
    `      retries: ${rng.int(0, 3)}`,
    '    upstreams:',
    `      primary: {<<: *defaults, url: "http://${svc.name}-backend:8080"}`,
    '      fallback:',
    '        <<: *defaults',
    `        url: "https://fallback.${svc.ns.name}.example.com"`,
    '    # Feature toggles are read at startup only.',
    '    features:',
    ...rng
      .shuffle(['audit-log', 'fast-path', 'dark-launch', 'shadow-writes', 'strict-validation'])
      .slice(0, rng.int(1, 4))
      .map(f => `      - ${f}`),
    `  LOG_FORMAT: ${rng.pick(['json', 'logfmt'])}`,
    `  REGION: ${rng.pick(['eu-west-1', 'us-east-1', 'ap-southeast-2'])}`,
  ];
}
