import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const PROJECTS = ['server/src', 'client/src', 'shared/src'];

/**
 * No module may import itself through others, type-only imports included: a cycle means a type
 * or helper lives in the wrong module (the layer below should own it), and value cycles make the
 * order modules initialise in decide what is undefined at load time.
 */
describe('import cycles', () => {
  it('server, client and shared code have none', () => {
    const graph = importGraph(PROJECTS.map(p => path.join(ROOT, p)).filter(p => fs.existsSync(p)));
    assert.ok(graph.size > 100, `only ${graph.size} modules found`);
    const cycles = findCycles(graph).map(c => c.map(f => path.relative(ROOT, f)).join(' -> '));
    assert.deepStrictEqual(cycles, []);
  });

  it('the checker finds a cycle (it can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    assert.deepStrictEqual(findCycles(graph), [['a', 'b', 'c', 'a']]);
  });

  it('the import reader sees every form of import', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export type { D } from './d';",
      "import './e';",
      "const f = require('./f');",
      "const g = await import('./g');",
      "import {\n  h,\n  i,\n} from './h';",
    ].join('\n');
    assert.deepStrictEqual(specifiers(text), ['./a', './b', './c', './d', './e', './f', './g', './h']);
  });
});

/** Every relative import between the TypeScript files under `dirs`, resolved to file paths. */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap(sources)) {
    const deps: string[] = [];
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
      if (target) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function specifiers(text: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|(?:^|[\s;])import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** One cycle per strongly connected component (Tarjan), each as a path back to its first module. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).includes(v);
    if (component.size > 1 || selfLoop) cycles.push(cyclePath(graph, v, component));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A shortest path from `start` back to itself inside its component, for a readable message. */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, start: string, component: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
