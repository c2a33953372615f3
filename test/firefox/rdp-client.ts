// A client for Firefox's Remote Debugging Protocol (the one about:debugging and web-ext use):
// length-prefixed JSON packets over TCP, one actor per object. Replies from an actor arrive in
// the order its requests were sent; a packet with a `type` is an event instead.

import { connect, type Socket } from 'node:net';

export interface Packet {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

type Pending = { resolve: (packet: Packet) => void; reject: (error: Error) => void };

export class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<string, Pending[]>();
  private readonly listeners = new Set<(packet: Packet) => void>();
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('Firefox closed the debugging connection.')));
  }

  /** Connects and waits for the root actor's greeting. */
  static async connect(port: number, timeoutMs: number): Promise<RdpClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RdpClient(socket);
    await client.waitFor((p) => p.from === 'root' && 'applicationType' in p, timeoutMs, 'the root actor greeting');
    return client;
  }

  /** Sends `{to, type, ...rest}`; resolves with the actor's reply, rejects on `{error}`. */
  request(to: string, type: string, rest: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<Packet> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise<Packet>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No reply from ${to} to ${type} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const queue = this.pending.get(to) ?? [];
      queue.push({
        resolve: (packet) => {
          clearTimeout(timer);
          if (packet.error) reject(new Error(`${to} ${type}: ${packet.error}: ${packet.message ?? ''}`));
          else resolve(packet);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.pending.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...rest }), 'utf-8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /** Calls `listener` with every event until the returned function is called. */
  on(listener: (packet: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event (from now on) that satisfies `predicate`. */
  waitFor(predicate: (packet: Packet) => boolean, timeoutMs: number, what: string): Promise<Packet> {
    return new Promise<Packet>((resolve, reject) => {
      const listener = (packet: Packet) => {
        if (!predicate(packet)) return;
        done();
        resolve(packet);
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}${this.closedError ? ` (${this.closedError.message})` : ''}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const header = this.buffer.subarray(0, colon).toString('ascii');
      if (!/^\d+$/.test(header)) {
        this.fail(new Error(`Unexpected debugging packet header: ${header.slice(0, 40)}`));
        return;
      }
      const length = Number(header);
      if (this.buffer.length < colon + 1 + length) return;
      const body = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf-8');
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(JSON.parse(body) as Packet);
    }
  }

  private dispatch(packet: Packet): void {
    const queue = this.pending.get(packet.from);
    if (packet.type === undefined && queue?.length) {
      queue.shift()!.resolve(packet);
      return;
    }
    for (const listener of [...this.listeners]) listener(packet);
  }

  private fail(error: Error): void {
    if (this.closedError) return;
    this.closedError = error;
    for (const queue of this.pending.values()) for (const p of queue.splice(0)) p.reject(error);
  }
}
