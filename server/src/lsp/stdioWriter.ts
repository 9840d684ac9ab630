import { format } from 'util';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The message writer of a server on stdio: each message is encoded when it is sent, and the
 * messages of one task go out in one write once it is done (a microtask). vscode-jsonrpc's
 * stream writer queues every message behind a lock and writes its header and body separately,
 * each awaited: a warm start publishing diagnostics for 10,000 files spent most of its
 * publishing time there, and "ready" waited behind the queue. Order is kept: every message goes
 * through this one buffer.
 */
export class CoalescingMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private parts: Buffer[] = [];
  private flushQueued = false;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    try {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      this.parts.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body);
    } catch (e) {
      this.fireError(e, message);
      return Promise.reject(e);
    }
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
    return Promise.resolve();
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.parts.length === 0) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.out.write(data, (e?: Error | null) => {
      if (e) this.fireError(e);
    });
  }
}

/**
 * A connection over stdio with that writer. stdout carries the protocol, so console output goes
 * to the client's log instead (as vscode-languageserver arranges for its own stdio connection).
 */
export function stdioConnection<T>(
  create: (input: NodeJS.ReadableStream, writer: MessageWriter) => T & { console: Logger },
): T {
  const connection = create(process.stdin, new CoalescingMessageWriter(process.stdout));
  const { console: remote } = connection;
  const text = (args: unknown[]) => format(...args);
  console.log = (...args: unknown[]) => remote.log(text(args));
  console.info = (...args: unknown[]) => remote.info(text(args));
  console.debug = (...args: unknown[]) => remote.log(text(args));
  console.warn = (...args: unknown[]) => remote.warn(text(args));
  console.error = (...args: unknown[]) => remote.error(text(args));
  return connection;
}

interface Logger {
  log(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
