import * as fs from 'node:fs';
import * as path from 'node:path';
import { compare } from './catalog';
import { type JsonSchema, type OneOfGroup, clone } from './jsonSchema';
import { MESSAGE_KEY } from './messages';
import { parsePath } from './paths';

/**
 * A patch file: `{ "<target>": { "<relative path>": <schema patch> } }`. A target is a message id
 * (`networking.HTTPRoute`), applied to that message's definition in every file that has it, or a
 * kind (`install.istio.io/IstioOperator`), applied from the resource root. The key `$message`
 * patches the target node itself. `$comment` keys are notes for maintainers and are dropped.
 */
export type OverlayFile = Record<string, Record<string, Patch>>;
type Patch = Record<string, unknown>;

export interface OverlayEntry {
  file: string;
  target: string;
  path: string;
  patch: Patch;
}

/** Reads every overlay file except `messages.json`, in file name order. */
export function loadOverlays(dir: string): OverlayEntry[] {
  const entries: OverlayEntry[] = [];
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.json') && f !== 'messages.json')
    .sort(compare);
  for (const file of files) {
    const content = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as OverlayFile;
    for (const [target, paths] of Object.entries(content)) {
      if (target === '$comment') continue;
      for (const [relative, patch] of Object.entries(paths)) {
        if (relative === '$comment') continue;
        entries.push({
          file,
          target,
          path: relative === '$message' ? '' : relative,
          patch: withoutComments(patch) as Patch,
        });
      }
    }
  }
  rejectConflicts(entries);
  return entries;
}

/**
 * Applies the overlays whose target occurs in this resource. Returns the entries used, so the
 * generator can fail on an overlay that matched nothing anywhere (a typo, or a renamed field).
 */
export function applyOverlays(
  entries: OverlayEntry[],
  kindKey: string,
  resource: JsonSchema,
  definitions: Record<string, JsonSchema>,
): Set<OverlayEntry> {
  const used = new Set<OverlayEntry>();
  const byMessage = new Map<string, JsonSchema>();
  for (const definition of Object.values(definitions)) {
    const message = definition[MESSAGE_KEY];
    if (typeof message === 'string') byMessage.set(message, definition);
  }
  for (const entry of entries) {
    const root = entry.target === kindKey ? resource : byMessage.get(entry.target);
    if (!root) continue;
    const node = resolve(root, entry);
    mergePatch(node as unknown as Record<string, unknown>, entry.patch);
    used.add(entry);
  }
  return used;
}

function resolve(root: JsonSchema, entry: OverlayEntry): JsonSchema {
  let node = root;
  const steps = parsePath(entry.path);
  steps.forEach((step, index) => {
    const where = `${entry.file}: ${entry.target} ${entry.path}`;
    if (node.$ref !== undefined)
      throw new Error(`${where}: path goes through ${node.$ref}; patch that message instead`);
    if (node.type !== 'object') throw new Error(`${where}: ${step.property} is not inside an object`);
    node.properties ??= {};
    let next = node.properties[step.property];
    if (!next) {
      // Only the last property may be new: overlays add fields upstream dropped, not whole trees.
      if (index !== steps.length - 1 || step.inner.length > 0)
        throw new Error(`${where}: no property ${step.property}`);
      next = {};
      node.properties[step.property] = next;
    }
    for (const inner of step.inner) {
      const child = inner === 'items' ? next.items : next.additionalProperties;
      if (typeof child !== 'object') throw new Error(`${where}: ${step.property} has no ${inner}`);
      next = child;
    }
    node = next;
  });
  return node;
}

/**
 * JSON merge patch (RFC 7386: objects merge, `null` deletes, anything else replaces), except that
 * `x-istio-oneof` groups are added to the upstream ones, replacing a group with the same fields.
 */
function mergePatch(target: Record<string, unknown>, patch: Patch): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (key === 'x-istio-oneof') {
      const groups = (target[key] as OneOfGroup[] | undefined) ?? [];
      for (const group of clone(value) as OneOfGroup[]) {
        const same = groups.findIndex(g => [...g.fields].sort().join() === [...group.fields].sort().join());
        if (same >= 0) groups[same] = group;
        else groups.push(group);
      }
      target[key] = groups;
    } else if (isPlainObject(value) && isPlainObject(target[key])) {
      mergePatch(target[key] as Record<string, unknown>, value);
    } else {
      target[key] = clone(value);
    }
  }
}

function rejectConflicts(entries: OverlayEntry[]): void {
  const seen = new Map<string, OverlayEntry>();
  for (const entry of entries) {
    // x-istio-oneof groups accumulate (see mergePatch), so several files may add to one message.
    for (const key of Object.keys(entry.patch).filter(k => k !== 'x-istio-oneof')) {
      const id = `${entry.target}|${entry.path}|${key}`;
      const other = seen.get(id);
      if (other && other.file !== entry.file) {
        throw new Error(`${key} of ${entry.target} ${entry.path} is set by both ${other.file} and ${entry.file}`);
      }
      seen.set(id, entry);
    }
  }
}

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '$comment')
      .map(([key, child]) => [key, withoutComments(child)]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
