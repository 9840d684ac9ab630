import { asScalar, keyText } from '../parse/access';
import type { ParsedDocument, ParsedFile, YNode, YScalar } from '../parse/types';

/** One step of a path from a document root: a map key or a sequence index. */
export type PathStep = string | number;

/** What is under a cursor: the path of keys to it and the nodes along the way. */
export interface NodeAt {
  readonly doc: ParsedDocument;
  /** Set for `kind: *List` documents; `path` and `nodes` are then relative to that item. */
  readonly itemIndex?: number;
  readonly path: readonly PathStep[];
  /** `nodes[i]` is the map or sequence that `path[i]` is a step of; the last is the innermost container. */
  readonly nodes: readonly YNode[];
  /** The scalar under the cursor (a key when `onKey`), if the cursor is on one. */
  readonly scalar?: YScalar;
  /** True when the cursor is on a map key (the key is then `path[path.length - 1]`). */
  readonly onKey: boolean;
}

/**
 * The node at `offset` in a parsed file. A cursor just after the last character of a scalar still
 * counts as on it, as editors place the cursor there after typing a word. Aliases are not followed:
 * the cursor is on the alias text, not on its target.
 */
export function nodeAt(parsed: ParsedFile, offset: number): NodeAt | undefined {
  const doc = parsed.docs.find(d => d.span.start <= offset && offset <= d.span.end && d.root);
  if (!doc?.root) return undefined;
  const path: PathStep[] = [];
  const nodes: YNode[] = [];
  let scalar: YScalar | undefined;
  let onKey = false;
  let node: YNode | null = doc.root;
  for (let depth = 0; node && depth < 400; depth++) {
    const current: YNode = node;
    node = null;
    if (current.kind === 'scalar') {
      scalar = current;
      break;
    }
    if (current.kind === 'map') {
      for (const pair of current.items) {
        if (pair.key && contains(pair.key, offset)) {
          const key = keyText(pair);
          if (key === undefined) break;
          path.push(key);
          nodes.push(current);
          scalar = asScalar(pair.key);
          onKey = true;
          break;
        }
        if (pair.value && contains(pair.value, offset)) {
          const key = keyText(pair);
          if (key === undefined) break;
          path.push(key);
          nodes.push(current);
          node = pair.value;
          break;
        }
      }
    } else if (current.kind === 'seq') {
      const i = current.items.findIndex(item => !!item && contains(item, offset));
      if (i !== -1) {
        path.push(i);
        nodes.push(current);
        node = current.items[i];
      }
    }
  }
  // `kind: List` documents hold resources under `items`.
  if (path[0] === 'items' && typeof path[1] === 'number' && isListDocument(doc)) {
    return { doc, itemIndex: path[1], path: path.slice(2), nodes: nodes.slice(2), scalar, onKey };
  }
  return { doc, path, nodes, scalar, onKey };
}

function contains(node: YNode, offset: number): boolean {
  return node.span.start <= offset && offset <= node.span.end;
}

function isListDocument(doc: ParsedDocument): boolean {
  const root = doc.root;
  if (root?.kind !== 'map') return false;
  const kind = root.items.find(p => keyText(p) === 'kind');
  const value = asScalar(kind?.value);
  return typeof value?.value === 'string' && value.value.endsWith('List');
}

/** True when `path` matches `pattern`, where `'#'` in the pattern matches any sequence index. */
export function pathMatches(path: readonly PathStep[], pattern: readonly PathStep[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => (p === '#' ? typeof path[i] === 'number' : p === path[i]));
}
