import type { Severity } from '../../settings';

/**
 * Findings that do not come from a rule file but still have a public id, a severity setting and a
 * docs page: YAML syntax errors and files skipped as unreadable.
 */
export const BUILTIN_IDS = {
  yamlSyntax: 'yaml-syntax',
  fileSkipped: 'file-skipped',
} as const;

export const BUILTIN_META: Readonly<Record<string, { description: string; defaultSeverity: Severity }>> = {
  'yaml-syntax': { description: 'The file is not valid YAML.', defaultSeverity: 'error' },
  'file-skipped': {
    description:
      'The file was not analysed (too large, binary, not UTF-8, unparseable, or over the time budget for one file).',
    defaultSeverity: 'info',
  },
};
