import type { Completion, DocumentSnippet } from './completionTypes';
import type { YamlCursor } from './yamlCursor';

/**
 * Where a new resource starts: a key at column 0 of a document that holds nothing else yet (a
 * blank file, the blank line after `---`, or `api`/`istio-` typed there). Only there are the
 * first keys and the whole-document templates offered: at `subset:`, at enum values or under
 * `spec:` they would bury the real items. Other YAML (no Istio group in the file) gets them only
 * when the file is otherwise blank.
 */
export function atDocumentStart(text: string, cur: YamlCursor): boolean {
  if (cur.slot !== 'key' || cur.path.length !== 0 || cur.flow) return false;
  const lineStart = text.lastIndexOf('\n', cur.replace.start - 1) + 1;
  if (cur.replace.start !== lineStart) return false;
  const rest = text.slice(cur.doc.start, cur.replace.start) + text.slice(cur.replace.end, cur.doc.end);
  if (!blank(rest)) return false;
  const outside = text.slice(0, cur.doc.start) + text.slice(cur.doc.end);
  return blank(outside) || text.includes('.istio.io/') || text.includes('gateway.networking.k8s.io/');
}

/** Nothing but whitespace, comments and `---`/`...` markers. */
function blank(s: string): boolean {
  return s.split('\n').every(l => {
    const t = l.trim();
    return t === '' || t.startsWith('#') || t === '---' || t === '...';
  });
}

/** `apiVersion`, `kind` and the templates, for a new document at the cursor. */
export function documentStartItems(cur: YamlCursor, snippets: readonly DocumentSnippet[]): Completion[] {
  const key = (name: 'apiVersion' | 'kind', rank: number, documentation: string): Completion => ({
    label: name,
    kind: 'property',
    detail: 'string (required)',
    documentation,
    sortText: `${rank}${name}`,
    filterText: name,
    edit: { span: cur.replace, newText: `${name}: ` },
    snippet: false,
    retrigger: true,
  });
  return [
    key('apiVersion', 0, 'The API group and version of the resource, e.g. `networking.istio.io/v1`.'),
    key('kind', 1, 'The kind of the resource, e.g. `VirtualService`.'),
    // In the file's order (routing first), not alphabetical: "authz-deny-all" must not lead the list.
    ...snippets.map((s, i): Completion => ({
      label: s.prefix,
      kind: 'snippet',
      detail: s.name,
      documentation: `${s.description}\n\n\`\`\`yaml\n${preview(s.body)}\n\`\`\``,
      sortText: `5${String(i).padStart(3, '0')}`,
      filterText: s.prefix,
      edit: { span: cur.replace, newText: s.body },
      snippet: true,
    })),
  ];
}

/** The body with placeholders shown as their defaults, for the documentation pane. */
function preview(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .trimEnd();
}
