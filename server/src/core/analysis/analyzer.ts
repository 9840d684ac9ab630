import type { FileSummary } from '../index/fileSummary';
import { providedKeys } from '../index/keys';
import type { GlobCompiler } from '../index/placements';
import { WorkspaceIndex, type IndexChange } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import { ALL_RULES, crossFileRules, localRules } from '../rules/index';
import type { CrossFileRule, Finding, LocalRule, Rule } from '../rules/types';
import type { SchemaRegistry } from '../schema/registry';
import { sameAnalysisSettings, type AnalysisSettings, type ReportSettings } from '../settings';
import { analyzeFile, appliesTo } from './analyzeFile';
import { runCrossFileRules } from './crossFile';
import { DependencyMap } from './dependencies';
import { mergeInstanceFindings } from './instanceFindings';
import { reportFindings, type ReportedFinding } from './report';

/** Instances put back between looks at the clock while cross-file results are restored. */
const RESTORE_BATCH = 32;

/** A cross-file pass over every resource, run in time slices (see Analyzer.startCrossFile). */
export interface CrossFileJob {
  readonly total: number;
  readonly done: number;
  /** Checks resources until `budgetMs` has passed; true when every resource has been checked. */
  step(budgetMs: number): boolean;
  /** Files whose findings the job has changed so far. */
  readonly files: Set<string>;
}

/** What the cross-file rules made of one placed instance: its findings and the keys it read. */
export interface CrossFileState {
  readonly findings: readonly Finding[];
  readonly deps: readonly string[];
  /** The findings lack quick-fixes computed on demand (functions, which a cache cannot keep). */
  readonly fixesLater?: boolean;
}

export type FileInput =
  | { readonly file: string; readonly text: string }
  | { readonly file: string; readonly summary: FileSummary }
  | { readonly file: string; readonly deleted: true };

/**
 * The analysis engine: the workspace index, the findings of every file, and the dependency map
 * that decides what an update re-checks. Hosts feed it file contents (or summaries built in a
 * worker) and ask which files' findings changed; findings are stored per file and reported in
 * one place, with user severities and suppressions applied.
 */
export class Analyzer {
  readonly index: WorkspaceIndex;
  private readonly local: LocalRule[];
  private readonly cross: CrossFileRule[];
  private readonly crossFindings = new Map<string, Finding[]>();
  private readonly dependencies = new DependencyMap();
  private crossFileEnabled = true;

  constructor(
    private settings: AnalysisSettings,
    rules: readonly Rule[] = ALL_RULES,
    private readonly onRuleError?: (ruleId: string, error: unknown) => void,
    /** Istio's API schemas (loaded by the host), for the `schema` rule; without them it is silent. */
    readonly schemas?: SchemaRegistry,
    /** Compiles the globs of the `environments` setting (the host's glob dialect); without it the setting is ignored. */
    compileGlobs?: GlobCompiler,
  ) {
    this.index = new WorkspaceIndex(settings, compileGlobs);
    this.local = localRules(rules);
    this.cross = crossFileRules(rules);
  }

  get analysisSettings(): AnalysisSettings {
    return this.settings;
  }

  /**
   * Bumped by every change to the index or to the cross-file results: a host that reads them in
   * several tasks (the index cache's snapshot) starts over when it moved in between.
   */
  get changeCount(): number {
    return this.changes;
  }

  private changes = 0;

  /**
   * While the workspace is first being indexed, cross-file rules would report on a partial
   * picture (a VirtualService seen before its DestinationRule). They are held back until the
   * host turns them on, which re-checks everything once.
   */
  setCrossFileEnabled(enabled: boolean): Set<string> {
    if (enabled === this.crossFileEnabled) return new Set();
    this.changes++;
    this.crossFileEnabled = enabled;
    if (this.restoring) this.restoring.stale = true;
    const moved = this.index.setDeferNamespaces(!enabled);
    return this.recheck([...this.index.allInstances()], moved.removed);
  }

  /**
   * Turns cross-file rules on as a job the host runs in slices, so a cold index of a huge
   * workspace never blocks the event loop for long. Edits arriving meanwhile are handled by
   * update() as usual; the job skips resources that were replaced since it started.
   */
  startCrossFile(now: () => number): CrossFileJob {
    this.restoring = undefined;
    this.crossFileEnabled = true;
    // Namespaces and environments are settled first, in steps too (tens of milliseconds at once
    // on a workspace of 50,000 objects).
    const settling = this.index.endDeferral();
    const files = new Set<string>();
    let job: CrossFileJob | undefined;
    return {
      get total() {
        return job?.total ?? 0;
      },
      get done() {
        return job?.done ?? 0;
      },
      step: (budgetMs: number) => {
        this.changes++;
        if (job) return job.step(budgetMs);
        const moved = settleUntil(settling, now, now() + budgetMs);
        if (!moved) return false;
        for (const r of moved.removed) files.add(r.file);
        this.forgetAll();
        job = this.inSlices([...this.index.allInstances()], files, now);
        return false;
      },
      files,
    };
  }

  /**
   * Warm start: turns cross-file rules on with the results a cache kept for exactly the summaries
   * now indexed (loaded with cross-file rules held back), instead of running them. Instances the
   * cache has nothing for are checked, in slices. The caller guarantees the correspondence; any
   * change since is then applied with update(), which re-checks what depends on it.
   */
  restoreCrossFile(stateOf: (id: string) => CrossFileState | undefined, now: () => number): CrossFileJob {
    this.crossFileEnabled = true;
    // Namespaces are settled in steps first, as in startCrossFile.
    const settling = this.index.endDeferral();
    let settled = false;
    this.forgetAll();
    let instances: Resource[] = [];
    const pending: Resource[] = [];
    const files = new Set<string>();
    // Results are put back in slices too. An update meanwhile re-checks the dependents already
    // put back; those not yet put back may read what it changed, so from then on they are
    // checked instead (restoring.stale).
    const restoring = { stale: false };
    this.restoring = restoring;
    let next = 0;
    let rest: CrossFileJob | undefined;
    return {
      get total() {
        return instances.length;
      },
      get done() {
        return rest ? instances.length - rest.total + rest.done : next;
      },
      step: (budgetMs: number) => {
        this.changes++;
        const deadline = now() + budgetMs;
        if (!settled) {
          const moved = settleUntil(settling, now, deadline);
          if (!moved) return false;
          // Whatever moved while settling is checked, not restored.
          if (moved.removed.length > 0 || moved.added.length > 0 || moved.global) restoring.stale = true;
          for (const r of moved.removed) files.add(r.file);
          settled = true;
          instances = [...this.index.allInstances()];
        }
        while (next < instances.length) {
          const r = instances[next++];
          // Replaced or removed since: update() checked what replaced it.
          if (this.index.resource(r.id) !== r) continue;
          const state = restoring.stale ? undefined : stateOf(r.id);
          if (state) this.restoreState(r.id, state);
          else pending.push(r);
          if (next % RESTORE_BATCH === 0 && now() >= deadline) return false;
        }
        if (this.restoring === restoring) this.restoring = undefined;
        rest ??= this.inSlices(pending, files, now);
        return rest.step(Math.max(0, deadline - now()));
      },
      files,
    };
  }

  /** The restore job under way, if any (see restoreCrossFile). */
  private restoring: { stale: boolean } | undefined;

  private restoreState(id: string, state: CrossFileState): void {
    this.changes++;
    if (state.findings.length > 0) {
      this.crossFindings.set(id, state.findings as Finding[]);
      this.noteRelated(id, state.findings);
    }
    if (state.fixesLater) this.fixesLater.add(id);
    this.dependencies.restore(id, state.deps);
  }

  /**
   * After a warm start: enters up to `count` restored instances' dependency keys into the map an
   * edit is re-checked by (restoreCrossFile only records them). True when all are in. Hosts run
   * it in steps after "ready"; anything that needs the map before then enters them all at once.
   */
  settleRestoredDependencies(count: number): boolean {
    return this.dependencies.settleStep(count);
  }

  /** Cross-file state of a file's instances, for a cache; only instances the rules checked. */
  crossFileStateOf(file: string): [string, CrossFileState][] {
    const out: [string, CrossFileState][] = [];
    for (const r of this.index.file(file)?.resources ?? [])
      for (const instance of this.index.instancesOf(r)) {
        const deps = this.dependencies.keysOf(instance.id);
        if (!deps) continue;
        const findings = this.crossFindings.get(instance.id) ?? [];
        out.push([instance.id, { findings, deps, fixesLater: this.fixesLater.has(instance.id) }]);
      }
    return out;
  }

  /** Re-checks `pending` as a job run in slices, skipping resources replaced since it started. */
  private inSlices(pending: readonly Resource[], files: Set<string>, now: () => number): CrossFileJob {
    let next = 0;
    return {
      total: pending.length,
      get done() {
        return next;
      },
      step: (budgetMs: number) => {
        const deadline = now() + budgetMs;
        // The clock is read after every resource: one may take milliseconds (wide lookups).
        while (next < pending.length) {
          const r = pending[next++];
          if (this.index.resource(r.id) !== r) continue;
          for (const f of this.recheck([r], [])) files.add(f);
          if (now() >= deadline) break;
        }
        return next >= pending.length;
      },
      files,
    };
  }

  get crossFileRulesEnabled(): boolean {
    return this.crossFileEnabled;
  }

  /** Single-file analysis; pure, so hosts may run it in worker threads. */
  summarize(file: string, text: string): FileSummary {
    return analyzeFile(file, text, {
      settings: this.settings,
      rules: this.local,
      onRuleError: this.onRuleError,
      schemas: this.schemas,
    });
  }

  /**
   * New analysis settings. Returns true when single-file results depend on them, in which case
   * the host must feed every file again (namespaces and cross-file results are redone here).
   */
  setSettings(settings: AnalysisSettings): { reanalyzeFiles: boolean; changedFiles: Set<string> } {
    if (sameAnalysisSettings(settings, this.settings)) return { reanalyzeFiles: false, changedFiles: new Set() };
    this.changes++;
    if (this.restoring) this.restoring.stale = true;
    const targetChanged = settings.targetVersion !== this.settings.targetVersion;
    this.settings = settings;
    const change = this.index.setSettings(settings);
    for (const r of change.removed) this.forget(r.id);
    return {
      reanalyzeFiles: targetChanged,
      changedFiles: this.recheck([...this.index.allInstances()], change.removed),
    };
  }

  /** Applies file changes; returns every file whose findings may have changed. */
  update(inputs: readonly FileInput[]): Set<string> {
    const { changedFiles, affected, removed } = this.applyToIndex(inputs);
    for (const f of this.recheck(affected, removed)) changedFiles.add(f);
    return changedFiles;
  }

  /**
   * update(), with the cross-file re-check left to a job the host runs in slices: a document of
   * thousands of resources would otherwise hold the event loop for as long as they take.
   */
  updateInSlices(inputs: readonly FileInput[], now: () => number): CrossFileJob {
    const { changedFiles, affected, removed } = this.applyToIndex(inputs);
    for (const r of removed) changedFiles.add(r.file);
    return this.inSlices(affected, changedFiles, now);
  }

  /** Updates the index; returns the files changed and the resources whose cross-file findings may change. */
  private applyToIndex(inputs: readonly FileInput[]): {
    changedFiles: Set<string>;
    affected: Resource[];
    removed: readonly Resource[];
  } {
    this.changes++;
    if (this.restoring) this.restoring.stale = true;
    const updates = new Map<string, FileSummary | undefined>();
    for (const input of inputs) {
      if ('deleted' in input) updates.set(input.file, undefined);
      else {
        const summary = 'summary' in input ? input.summary : this.summarize(input.file, input.text);
        updates.set(input.file, this.keepLastGood(summary));
      }
    }
    const change = this.index.update(updates);
    const changedFiles = new Set<string>(updates.keys());
    for (const r of change.removed) this.forget(r.id);
    // While cross-file rules are held back (cold indexing) nothing depends on anything yet.
    if (!this.crossFileEnabled) return { changedFiles, affected: [], removed: change.removed };
    if (change.global) return { changedFiles, affected: [...this.index.allInstances()], removed: change.removed };
    // A resource that only moved within its file (text inserted above it) means the same to
    // every other resource: its keys are not dirty. Only findings that point into its file
    // (related locations) need their positions refreshed.
    const before = new Map(change.removed.map(r => [r.id, r]));
    const moved = new Set<string>();
    for (const r of change.added) {
      const old = before.get(r.id);
      if (old && meaningOf(old) === meaningOf(r)) moved.add(r.id);
    }
    const dirty = new Set<string>();
    for (const r of [...change.removed, ...change.added]) {
      if (moved.has(r.id)) continue;
      for (const key of providedKeys(r)) dirty.add(key);
    }
    const ids = new Set<string>(change.added.map(r => r.id));
    for (const key of dirty) for (const id of this.dependencies.readersOf(key)) ids.add(id);
    // Copies of a changed object are re-checked: whether an object has copies changes what
    // lookups hide and which rules run for it (onlyForCopies).
    for (const r of [...change.removed, ...change.added]) {
      if (moved.has(r.id)) continue;
      for (const copy of this.index.instancesLike(r)) ids.add(copy.id);
    }
    for (const file of updates.keys()) for (const id of this.relatedIn.get(file) ?? []) ids.add(id);
    const affected: Resource[] = [];
    for (const id of ids) {
      const r = this.index.resource(id);
      if (r) affected.push(r);
    }
    return { changedFiles, affected, removed: change.removed };
  }

  /**
   * Raw findings of a file: single-file ones and those of the cross-file rules. An object placed
   * more than once (in several environments, or by several kustomize builds) has its instances'
   * findings merged: once when all have it, else once naming where it holds.
   */
  findings(file: string): Finding[] {
    const summary = this.index.file(file);
    if (!summary) return [];
    const out = [...summary.findings];
    for (const r of summary.resources) {
      const instances = this.index.instancesOf(r);
      if (instances.length <= 1) out.push(...(this.crossFindings.get(r.id) ?? []));
      else
        out.push(
          ...mergeInstanceFindings(instances, i => this.crossFindings.get(i.id), this.index.environments.length),
        );
    }
    return out;
  }

  /**
   * Whether the file has any raw finding (before severities and suppressions): a cheap test that
   * spares publishing the report of each of the many files without one.
   */
  hasFindings(file: string): boolean {
    const summary = this.index.file(file);
    if (!summary) return false;
    if (summary.findings.length > 0) return true;
    for (const r of summary.resources)
      for (const instance of this.index.instancesOf(r)) if (this.crossFindings.has(instance.id)) return true;
    return false;
  }

  /**
   * Findings as the user sees them, with severities and suppressions applied. `withFixes` (code
   * actions) first checks again the instances restored from a cache without their computed
   * quick-fixes: the same findings, now with the fixes.
   */
  report(file: string, settings: ReportSettings, withFixes = false): ReportedFinding[] {
    const summary = this.index.file(file);
    if (!summary) return [];
    if (withFixes && this.fixesLater.size > 0) {
      const later = summary.resources.flatMap(r => this.index.instancesOf(r)).filter(i => this.fixesLater.has(i.id));
      if (later.length > 0) this.recheck(later, []);
    }
    return reportFindings(summary, this.findings(file), id => this.index.resource(id), settings);
  }

  /** Files that currently have at least one finding. */
  filesWithFindings(): string[] {
    const out: string[] = [];
    for (const summary of this.index.allFiles()) if (this.findings(summary.file).length > 0) out.push(summary.file);
    return out.sort();
  }

  /**
   * While a document is broken mid-edit, the rest of the workspace keeps seeing its last good
   * summary: otherwise one missing bracket in a DestinationRule would flood every VirtualService
   * that uses it with errors.
   */
  private keepLastGood(summary: FileSummary): FileSummary {
    if (summary.brokenDocs.length === 0) return summary;
    const old = this.index.file(summary.file);
    if (!old) return summary;
    const broken = new Set(summary.brokenDocs);
    const kept = old.resources.filter(r => broken.has(r.docIndex)).map(r => ({ ...r, stale: true }));
    if (kept.length === 0) return summary;
    const fresh = summary.resources.filter(r => !broken.has(r.docIndex));
    return { ...summary, resources: [...fresh, ...kept] };
  }

  private readonly rulesByKind = new Map<string, CrossFileRule[]>();

  private rulesFor(r: Resource): CrossFileRule[] {
    const key = `${r.group}/${r.kind}`;
    let rules = this.rulesByKind.get(key);
    if (!rules) this.rulesByKind.set(key, (rules = this.cross.filter(rule => appliesTo(rule.meta.kinds, r))));
    return rules;
  }

  /** Files other than their own that a resource's findings point into (related locations). */
  private readonly relatedFilesOf = new Map<string, string[]>();
  private readonly relatedIn = new Map<string, Set<string>>();

  private noteRelated(id: string, findings: readonly Finding[]): void {
    const files = new Set<string>();
    for (const f of findings) for (const rel of f.related ?? []) if (rel.file !== f.file) files.add(rel.file);
    if (files.size === 0) return;
    this.relatedFilesOf.set(id, [...files]);
    for (const file of files) {
      let set = this.relatedIn.get(file);
      if (!set) this.relatedIn.set(file, (set = new Set()));
      set.add(id);
    }
  }

  /** Instances restored from a cache whose findings lack their computed quick-fixes. */
  private readonly fixesLater = new Set<string>();

  /** Forgets every cross-file result (a full check or a restore follows). */
  private forgetAll(): void {
    this.changes++;
    this.fixesLater.clear();
    this.crossFindings.clear();
    this.dependencies.clear();
    this.relatedFilesOf.clear();
    this.relatedIn.clear();
  }

  private forget(id: string): void {
    this.fixesLater.delete(id);
    for (const file of this.relatedFilesOf.get(id) ?? []) {
      const set = this.relatedIn.get(file);
      set?.delete(id);
      if (set?.size === 0) this.relatedIn.delete(file);
    }
    this.relatedFilesOf.delete(id);
    this.crossFindings.delete(id);
    this.dependencies.forget(id);
  }

  private recheck(resources: readonly Resource[], removed: readonly Resource[]): Set<string> {
    this.changes++;
    const files = new Set<string>(removed.map(r => r.file));
    const everything = resources.length === this.index.instanceCount;
    if (everything) {
      // A full re-check forgets everything at once instead of resource by resource.
      this.forgetAll();
    }
    for (const r of resources) {
      if (!everything) this.forget(r.id);
      files.add(r.file);
      if (r.stale || !this.crossFileEnabled) continue;
      let rules = this.rulesFor(r);
      if (rules.some(rule => rule.meta.onlyForCopies) && !this.index.hasCopies(r))
        rules = rules.filter(rule => !rule.meta.onlyForCopies);
      if (rules.length === 0) continue;
      const { findings, deps } = runCrossFileRules(r, rules, this.index, this.settings, this.onRuleError);
      if (findings.length > 0) {
        this.crossFindings.set(r.id, findings);
        this.noteRelated(r.id, findings);
      }
      this.dependencies.set(r.id, deps);
    }
    return files;
  }
}

/** Advances `settling` (WorkspaceIndex.endDeferral) until done (its change) or past `deadline` (undefined). */
function settleUntil(
  settling: Generator<void, IndexChange>,
  now: () => number,
  deadline: number,
): IndexChange | undefined {
  for (;;) {
    const step = settling.next();
    if (step.done) return step.value;
    if (now() >= deadline) return undefined;
  }
}

/**
 * What a resource means to other resources: its summary without positions. Two summaries with
 * the same meaning provide the same keys and answer every lookup the same way.
 */
function meaningOf(r: Resource): string {
  return JSON.stringify(r, (key, value: unknown) => (key === 'span' || key.endsWith('Span') ? undefined : value));
}
