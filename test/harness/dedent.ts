/** Strips the indentation common to all non-blank lines, and a leading blank line, of a template literal. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines
    .map(l => l.slice(Math.min(cut, l.length - l.trimStart().length)))
    .join('\n')
    .replace(/[ \t]+$/, '');
}
