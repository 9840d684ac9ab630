import { startServer } from './server';

/** Entry point the extension client starts (bundled as dist/server.js). */
startServer();
