import { items } from '../parse/access';
import type { YNode } from '../parse/types';
import { isDns1123Label } from './names';
import { field, text, type Rejections } from './types';

/**
 * validateExportTo (VirtualService, DestinationRule, ServiceEntry): entries are `.`, `*` or a
 * namespace name (`~` only for a ServiceEntry), without duplicates; `*` and `~` stand alone.
 */
export function checkExportTo(spec: YNode | undefined, out: Rejections, isServiceEntry: boolean): void {
  const list = field(spec, 'exportTo');
  if (!list) return;
  const entries = items(list.value).map(n => text(n));
  if (entries.some(e => !e) || out.isTemplated(list.value)) return;
  const seen = new Set<string>();
  for (const e of entries) {
    const { value, span } = e!;
    if (seen.has(value)) out.reject(span, `duplicate entry "${value}" in exportTo`);
    else if (value === '~' && !isServiceEntry) out.reject(span, 'exportTo ~ (none) is only allowed for ServiceEntries');
    else if (value !== '.' && value !== '*' && value !== '~' && !isDns1123Label(value))
      out.reject(span, `exportTo entry "${value}" is not ".", "*" or a namespace name`);
    seen.add(value);
  }
  if (entries.length > 1 && seen.has('*'))
    out.reject(list.keySpan, 'exportTo cannot have both public (*) and other values');
  else if (entries.length > 1 && seen.has('~') && isServiceEntry)
    out.reject(list.keySpan, 'a ServiceEntry cannot be exported to no one (~) and someone');
}
