import type { ServerContext } from './context';
import { settingsFromConfig, type FolderConfig, type ServerSettings } from '../host/settings';

/**
 * Reads `istio.*` and `files.exclude` per workspace folder through workspace/configuration, or
 * from initializationOptions for clients (editors other than VS Code) that cannot answer it.
 */
export async function fetchSettings(
  ctx: ServerContext,
  folders: readonly { uri: string; path: string }[],
  canPull: boolean,
  initOptions: unknown,
): Promise<ServerSettings> {
  if (!canPull) {
    const istio =
      initOptions && typeof initOptions === 'object'
        ? ((initOptions as Record<string, unknown>).istio ?? initOptions)
        : undefined;
    return settingsFromConfig([{ istio }]);
  }
  const scopes = folders.length > 0 ? folders : [{ uri: undefined, path: undefined }];
  const configs: FolderConfig[] = [];
  for (const folder of scopes) {
    try {
      const [istio, filesExclude] = (await ctx.connection.workspace.getConfiguration([
        { scopeUri: folder.uri, section: 'istio' },
        { scopeUri: folder.uri, section: 'files.exclude' },
      ])) as unknown[];
      configs.push({ path: folder.path, istio, filesExclude });
    } catch (e) {
      ctx.log(`Could not read settings: ${String(e)}`);
    }
  }
  return settingsFromConfig(configs);
}
