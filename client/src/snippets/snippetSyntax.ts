/**
 * Enough of VS Code's snippet syntax to expand our own snippets outside the editor: tab stops
 * (`$1`, `${1}`), placeholders (`${1:default}`, nested), choices (`${1|a,b|}`), variables
 * (`$NAME`, `${NAME:default}`) and the escapes `\$`, `\}` and `\\`. Used by "Istio: New resource…"
 * and by the tests that check every snippet expands to a resource our rules accept.
 */
export function expandSnippet(body: string, values: Readonly<Record<number, string>> = {}): string {
  const nodes = new Parser(body).parse();
  const defaults = new Map<number, string>();
  collectDefaults(nodes, defaults, values);
  return render(nodes, index => values[index] ?? defaults.get(index) ?? '');
}

/** The tab stop numbers of a snippet body, in order of first appearance. */
export function tabStops(body: string): number[] {
  const seen: number[] = [];
  const visit = (nodes: readonly SnippetNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') continue;
      if (n.type === 'tabstop' && !seen.includes(n.index)) seen.push(n.index);
      if (n.type === 'tabstop' || n.type === 'variable') visit(n.children);
    }
  };
  visit(new Parser(body).parse());
  return seen;
}

/**
 * The snippet body with the given tab stops replaced by literal text (escaped), every other tab
 * stop kept as it was: the editor still offers them as placeholders.
 */
export function fillTabStops(body: string, values: Readonly<Record<number, string>>): string {
  return serialize(new Parser(body).parse(), values);
}

/** Escapes text so that a snippet inserts it literally. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, c => `\\${c}`);
}

type SnippetNode =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'tabstop'; readonly index: number; readonly children: SnippetNode[]; readonly choices?: readonly string[] }
  | { readonly type: 'variable'; readonly name: string; readonly children: SnippetNode[] };

/**
 * A tab stop's value is the first placeholder text or first choice written for that number, as
 * in VS Code: a mirrored `$3` shows what `${3:reviews}` holds. `$0` is the final cursor: empty.
 */
function collectDefaults(nodes: readonly SnippetNode[], out: Map<number, string>, values: Readonly<Record<number, string>>): void {
  for (const n of nodes) {
    if (n.type === 'tabstop') {
      collectDefaults(n.children, out, values);
      if (n.index === 0 || out.has(n.index)) continue;
      if (n.choices) out.set(n.index, n.choices[0] ?? '');
      else if (n.children.length > 0) out.set(n.index, render(n.children, i => values[i] ?? out.get(i) ?? ''));
    } else if (n.type === 'variable') {
      collectDefaults(n.children, out, values);
    }
  }
}

function render(nodes: readonly SnippetNode[], valueOf: (index: number) => string): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'variable') out += render(n.children, valueOf);
    else out += n.index === 0 ? '' : valueOf(n.index);
  }
  return out;
}

function serialize(nodes: readonly SnippetNode[], values: Readonly<Record<number, string>>): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += escapeSnippetText(n.value);
    else if (n.type === 'variable') out += n.children.length > 0 ? `\${${n.name}:${serialize(n.children, values)}}` : `\${${n.name}}`;
    else if (values[n.index] !== undefined) out += escapeSnippetText(values[n.index]);
    else if (n.choices) out += `\${${n.index}|${n.choices.map(c => c.replace(/[,|\\$}]/g, x => `\\${x}`)).join(',')}|}`;
    else out += n.children.length > 0 ? `\${${n.index}:${serialize(n.children, values)}}` : `\${${n.index}}`;
  }
  return out;
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw new Error(`snippet: unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return nodes;
  }

  /** Reads until the end, or until an unescaped `}` when inside a placeholder. */
  private sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && /[\\$}]/.test(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** `$1`, `$NAME`, `${…}`; undefined (a literal `$`) when nothing valid follows. */
  private dollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[1].length;
      return /^\d/.test(simple[1]) ? { type: 'tabstop', index: Number(simple[1]), children: [] } : { type: 'variable', name: simple[1], children: [] };
    }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:|}])/.exec(rest);
    if (!braced) return undefined;
    const [, id, sep] = braced;
    this.pos += 1 + 1 + id.length + 1;
    const isTabstop = /^\d/.test(id);
    if (sep === '}') return isTabstop ? { type: 'tabstop', index: Number(id), children: [] } : { type: 'variable', name: id, children: [] };
    if (sep === '|') {
      if (!isTabstop) throw new Error(`snippet: choice on variable ${id}`);
      const end = this.src.indexOf('|}', this.pos);
      if (end < 0) throw new Error(`snippet: unterminated choice \${${id}|`);
      const choices = this.src.slice(this.pos, end).split(/(?<!\\),/).map(s => s.replace(/\\([,|\\$}])/g, '$1'));
      this.pos = end + 2;
      return { type: 'tabstop', index: Number(id), children: [], choices };
    }
    const children = this.sequence(true);
    if (this.src[this.pos] !== '}') throw new Error(`snippet: unterminated placeholder \${${id}:`);
    this.pos++;
    return isTabstop ? { type: 'tabstop', index: Number(id), children } : { type: 'variable', name: id, children };
  }
}
