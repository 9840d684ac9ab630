import type { Span, YMap, YNode, YPair, YScalar, YSeq } from './types';
import { bail, MAX_DEPTH, quoted, resolvePlain, scalar, startsWithIndicator } from './fastScalars';

/** Flow collections on one line: `[a, "b", {c: d}]`. */
export class FlowParser {
  private i: number;

  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
    private readonly multiLine: Span[],
  ) {
    this.i = start;
  }

  parse(): YNode {
    return this.value(0);
  }

  private value(depth: number): YNode {
    if (depth > MAX_DEPTH) bail();
    this.ws();
    const c = this.src[this.i];
    if (c === '[') return this.flowSeq(depth);
    if (c === '{') return this.flowMap(depth);
    if (c === '"' || c === "'") {
      const q = quoted(this.src, this.i, this.end);
      this.multiLine.push(q.span);
      this.i = q.span.end;
      return q;
    }
    return this.plain(false);
  }

  private flowSeq(depth: number): YSeq {
    const start = this.i++;
    const items: YNode[] = [];
    this.ws();
    if (this.src[this.i] === ']') return flowSeqNode(start, ++this.i, items);
    for (;;) {
      const item = this.value(depth + 1);
      this.ws();
      if (this.src[this.i] === ':') bail(); // single-pair map inside a sequence
      items.push(item);
      const c = this.src[this.i++];
      if (c === ']') return flowSeqNode(start, this.i, items);
      if (c !== ',') bail();
      this.ws();
      if (this.src[this.i] === ']') bail(); // trailing comma
    }
  }

  private flowMap(depth: number): YMap {
    const start = this.i++;
    const items: YPair[] = [];
    this.ws();
    if (this.src[this.i] === '}') return { kind: 'map', span: { start, end: ++this.i }, items, flow: true };
    for (;;) {
      this.ws();
      const c = this.src[this.i];
      let key: YScalar;
      if (c === '"' || c === "'") {
        key = quoted(this.src, this.i, this.end);
        this.multiLine.push(key.span);
        this.i = key.span.end;
      } else {
        key = this.plain(true);
      }
      this.ws();
      if (this.src[this.i] !== ':') bail();
      this.i++;
      if (this.src[this.i] !== ' ') bail();
      this.ws();
      const nc = this.src[this.i];
      if (nc === ',' || nc === '}') bail(); // empty value
      const value = this.value(depth + 1);
      items.push({ key, value, span: { start: key.span.start, end: value.span.end } });
      this.ws();
      const sep = this.src[this.i++];
      if (sep === '}') return { kind: 'map', span: { start, end: this.i }, items, flow: true };
      if (sep !== ',') bail();
      this.ws();
      if (this.src[this.i] === '}') bail(); // trailing comma
    }
  }

  /** A plain scalar in flow context; in a key position it stops at `:`. */
  private plain(isKey: boolean): YScalar {
    const start = this.i;
    if (startsWithIndicator(this.src, start, this.end)) bail();
    let i = start;
    for (; i < this.end; i++) {
      const ch = this.src[i];
      if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}') break;
      if (ch === ':' && (isKey || i + 1 >= this.end || ' ,[]{}'.includes(this.src[i + 1]))) break;
      if (ch === '#' && i > start && this.src[i - 1] === ' ') bail();
      if (ch === '\t') bail();
    }
    let e = i;
    while (e > start && this.src[e - 1] === ' ') e--;
    if (e === start) bail();
    this.i = i;
    return scalar(start, e, resolvePlain(this.src.slice(start, e)), 'plain');
  }

  private ws(): void {
    while (this.i < this.end && this.src[this.i] === ' ') this.i++;
    if (this.i >= this.end) bail(); // the collection does not close on this line
  }
}

function flowSeqNode(start: number, end: number, items: YNode[]): YSeq {
  return { kind: 'seq', span: { start, end }, items, flow: true };
}
