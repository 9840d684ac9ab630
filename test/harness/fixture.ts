import { dedent } from './dedent';

/** Root of the virtual workspace fixtures live in. */
export const WS = '/ws';

export interface Expectation {
  readonly file: string;
  /** 0-based. */
  readonly line: number;
  readonly startCol: number;
  readonly endCol: number;
  readonly ruleId: string;
}

export interface Fixture {
  /** Absolute path (under /ws) -> text, with expectation lines and the cursor marker removed. */
  readonly files: Map<string, string>;
  readonly cursor?: { readonly file: string; readonly offset: number };
  readonly expectations: Expectation[];
}

const CARET_LINE = /^\s*#(\^*)(\s*)(\^+)\s+([a-z0-9-]+)\s*$/;

/**
 * Parses a fixture: files separated by `#- path.yaml` headers (no header = `/ws/test.yaml`),
 * `$0` marking the cursor, and expected findings as comment lines under their target:
 *
 *     subset: v3
 *   #         ^^ subset-not-found
 *
 * Carets mark columns literally; a caret written right after `#` makes the `#` count as one too,
 * so column 0 can be marked (`#^^^^ schema`).
 */
export function parseFixture(source: string): Fixture {
  const sections: { file: string; lines: string[] }[] = [{ file: `${WS}/test.yaml`, lines: [] }];
  const expectations: Expectation[] = [];
  for (const line of dedent(source).split('\n')) {
    const header = /^#- (\S+)\s*$/.exec(line);
    if (header) {
      sections.push({ file: `${WS}/${header[1].replace(/^\/+/, '')}`, lines: [] });
      continue;
    }
    const section = sections[sections.length - 1];
    const caret = CARET_LINE.exec(line);
    if (caret && section.lines.length > 0) {
      const hashCol = line.indexOf('#');
      const start = caret[1].length > 0 ? hashCol : line.indexOf('^', hashCol + 1);
      const end = line.lastIndexOf('^') + 1;
      expectations.push({
        file: section.file,
        line: section.lines.length - 1,
        startCol: start,
        endCol: end,
        ruleId: caret[4],
      });
      continue;
    }
    section.lines.push(line);
  }
  if (sections.length > 1 && sections[0].lines.every(l => l.trim() === '')) sections.shift();
  const files = new Map<string, string>();
  let cursor: Fixture['cursor'];
  for (const { file, lines } of sections) {
    let body = lines.join('\n');
    const at = body.indexOf('$0');
    if (at !== -1) {
      body = body.slice(0, at) + body.slice(at + 2);
      cursor = { file, offset: at };
    }
    files.set(file, body);
  }
  return { files, cursor, expectations };
}
