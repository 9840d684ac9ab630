import { RequestType0 } from 'vscode-languageserver';
import type { Severity } from '../core/settings';

/**
 * The server's own requests and notifications, beyond LSP. Documented in docs/protocol.md;
 * the client mirrors these shapes.
 */
export interface ReindexResult {
  readonly files: number;
  readonly resources: number;
  readonly findings: Readonly<Record<Severity, number>>;
}

export const REINDEX_REQUEST = new RequestType0<ReindexResult, void>('istio/reindex');
