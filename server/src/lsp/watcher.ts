import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver';
import type { DiskChange } from '../host/workspaceHost';
import type { ServerContext } from './context';

/** Asks the client to watch YAML files, and directories for deletion (a removed folder of configs). */
export async function registerWatchers(ctx: ServerContext): Promise<void> {
  await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
  });
}

export function toDiskChanges(ctx: ServerContext, params: DidChangeWatchedFilesParams): DiskChange[] {
  return params.changes
    .filter(c => c.uri.startsWith('file:'))
    .map(c => ({
      file: ctx.uris.toPath(c.uri),
      type: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed',
    }));
}
