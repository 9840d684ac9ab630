import { serveRequests } from './workerRequests';

/**
 * Worker thread entry: reads and analyses files on its own (parse, summaries, single-resource
 * rules) and posts back plain-data summaries; the main thread only indexes them. Bundled as
 * dist/summaryWorker.js, loaded by path (host/analysisWorker.ts).
 */
serveRequests();
