import * as path from 'path';
import { FILE_REF } from '../core/features/fileRefs';
import { currentLineStarts, type ServerContext } from './context';
import { lineOf, type LineStarts } from '../core/parse/lineIndex';

/**
 * Turns core's file references (core/features/fileRefs.ts) into markdown links the editor opens
 * at the line: `[mesh/reviews-dr.yaml:12](file:///…/reviews-dr.yaml#L12)`, the path relative to
 * its workspace folder (prefixed with the folder's name when there are several).
 */
export function linkFiles(
  ctx: ServerContext,
  markdown: string,
  cache: Map<string, LineStarts | undefined> = new Map(),
): string {
  if (!markdown.includes('istio-ls-file:')) return markdown;
  return markdown.replace(FILE_REF, (_, file: string, offset: string) => {
    if (!cache.has(file)) cache.set(file, currentLineStarts(ctx, file));
    const starts = cache.get(file);
    const line = starts ? lineOf(starts, Number(offset)) + 1 : 1;
    const uri = `${ctx.uris.toUri(file)}#L${line}`;
    return `[${escapeLinkText(relativeTo(ctx.host.workspaceFolders, file))}:${line}](${uri})`;
  });
}

export function relativeTo(folders: readonly string[], file: string): string {
  const folder = folders
    .filter(f => {
      const rel = path.relative(f, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    })
    .sort((a, b) => b.length - a.length)[0];
  if (!folder) return file;
  const rel = path.relative(folder, file).split(path.sep).join('/');
  return folders.length > 1 ? `${path.basename(folder)}/${rel}` : rel;
}

function escapeLinkText(s: string): string {
  return s.replace(/([[\]\\*_`])/g, '\\$1');
}
