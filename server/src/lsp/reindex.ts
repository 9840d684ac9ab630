import type { Severity } from '../core/settings';
import type { ServerContext } from './context';
import type { ReindexResult } from './requests';
import type { Session } from './session';

/** "Istio: Analyze workspace": index everything again from disk and count what was found. */
export async function reindex(ctx: ServerContext, session: Session): Promise<ReindexResult> {
  await session.reindex();
  const { analyzer, serverSettings } = ctx.host;
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of analyzer.filesWithFindings())
    for (const f of analyzer.report(file, serverSettings.report)) findings[f.severity]++;
  return { files: analyzer.index.fileCount, resources: analyzer.index.resourceCount, findings };
}
