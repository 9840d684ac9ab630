import * as fs from 'fs';
import * as path from 'path';

/**
 * YAML files under `root`, as forward-slash paths relative to it, sorted. Directories whose name
 * starts with a dot (.git, .github) are skipped, as the language server's workspace walker does.
 */
export function yamlFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) visit(child);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        out.push(child);
      }
    }
  };
  visit('');
  return out.sort();
}

/** Helm templates are Go templates, not YAML, until rendered. */
export function isHelmTemplate(rel: string): boolean {
  return /(^|\/)charts\/[^/]+\/templates\//.test(rel);
}
