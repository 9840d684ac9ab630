import { format } from 'util';
import {
  AbstractMessageWriter,
  IPCMessageReader,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/**
 * Writes handed to the operating system but not yet done. A pipe takes about 64 KB per turn of
 * the event loop: megabytes of diagnostics followed by busy work (a warm reopen loads the index
 * right after publishing) would trickle out behind it, so that work waits until they are out.
 */
class PendingWrites {
  private count = 0;
  private waiters: (() => void)[] = [];

  add(): void {
    this.count++;
  }

  done(): void {
    if (--this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise(resolve => this.waiters.push(resolve));
  }
}

/** A writer that can tell when everything written so far has left the process. */
export interface TrackedWriter extends MessageWriter {
  drained(): Promise<void>;
}

/** What both writers share: errors and closing of the output they write to, and the writes in flight. */
abstract class TrackedWriterBase extends AbstractMessageWriter implements TrackedWriter {
  protected readonly pending = new PendingWrites();

  constructor(output: NodeJS.EventEmitter) {
    super();
    output.on('error', (e: Error) => this.fireError(e));
    output.on('close', () => this.fireClose());
  }

  abstract write(message: Message): Promise<void>;

  abstract end(): void;

  drained(): Promise<void> {
    return this.pending.drained();
  }
}

/**
 * The message writer of a server on stdio: each message is encoded when it is sent, and the
 * messages of one task go out in one write once it is done (a microtask). vscode-jsonrpc's
 * stream writer queues every message behind a lock and writes its header and body separately,
 * each awaited: a warm start publishing diagnostics for 10,000 files spent most of its
 * publishing time there, and "ready" waited behind the queue. Order is kept: every message goes
 * through this one buffer.
 */
export class CoalescingMessageWriter extends TrackedWriterBase {
  private parts: Buffer[] = [];
  private flushQueued = false;

  constructor(private readonly out: NodeJS.WritableStream) {
    super(out);
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

  override drained(): Promise<void> {
    this.flush();
    return super.drained();
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.parts.length === 0) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.pending.add();
    this.out.write(data, (e?: Error | null) => {
      this.pending.done();
      if (e) this.fireError(e);
    });
  }
}

/** vscode-jsonrpc's IPC writer (process.send), counting the messages not yet sent. */
export class TrackedIpcWriter extends TrackedWriterBase {
  constructor(private readonly proc: NodeJS.Process) {
    super(proc);
  }

  write(message: Message): Promise<void> {
    this.pending.add();
    try {
      this.proc.send!(message, undefined, undefined, (e: Error | null) => {
        this.pending.done();
        if (e) this.fireError(e, message);
      });
      return Promise.resolve();
    } catch (e) {
      // Not sent, and no callback will say so.
      this.pending.done();
      this.fireError(e, message);
      return Promise.reject(e);
    }
  }

  end(): void {}
}

/**
 * The server's connection: over stdio or node IPC (VS Code's), with a writer that tells when its
 * output has left; other transports as vscode-languageserver makes them (not tracked).
 */
export function serverConnection<T extends { console: Logger }>(
  create: (input?: NodeJS.ReadableStream | MessageReader, writer?: MessageWriter) => T,
): { connection: T; outputDrained?: () => Promise<void> } {
  if (process.argv.includes('--stdio')) {
    const writer = new CoalescingMessageWriter(process.stdout);
    return { connection: stdioConnection(input => create(input, writer)), outputDrained: () => writer.drained() };
  }
  if (process.argv.includes('--node-ipc') && typeof process.send === 'function') {
    const writer = new TrackedIpcWriter(process);
    return { connection: create(new IPCMessageReader(process), writer), outputDrained: () => writer.drained() };
  }
  return { connection: create() };
}

/**
 * A connection over stdio with that writer. stdout carries the protocol, so console output goes
 * to the client's log instead (as vscode-languageserver arranges for its own stdio connection).
 */
function stdioConnection<T>(create: (input: NodeJS.ReadableStream) => T & { console: Logger }): T {
  const connection = create(process.stdin);
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
