import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A fault-injecting TCP proxy on 127.0.0.1 (the kernel here has no netem): it forwards to one target and can
 * add latency, cap bandwidth, reset connections at random, cut responses off after some bytes, swallow
 * everything (a black hole) or refuse connections. Faults change at run time and apply to new data at once.
 */
export interface Faults {
  /** Added to every chunk, each direction (one-way delay). */
  latencyMs?: number;
  /** Bytes per second, each direction, per connection; 0 or absent: unlimited. */
  bytesPerSecond?: number;
  /** Chance per forwarded chunk that both sides get a TCP reset. */
  resetProbability?: number;
  /** Close a connection after this many response bytes (a response cut off midway). */
  cutResponseAfterBytes?: number;
  /** Accept connections and forward nothing, answer nothing: requests hang until the client gives up. */
  blackHole?: boolean;
  /** Close every new connection at once (the link is down). */
  refuse?: boolean;
}

export interface ProxyStats {
  connections: number;
  resets: number;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  port: number;
  url: string;
  setFaults(f: Faults): void;
  /** Drops every open connection (a cable pulled out). */
  dropAll(): void;
  stats(): ProxyStats;
  close(): Promise<void>;
}

/** Delivers chunks in order, each no sooner than its latency allows and no faster than the bandwidth cap. */
class Pacer {
  private busyUntil = 0;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly faults: () => Faults) {}

  send(size: number, deliver: () => void): void {
    const { latencyMs = 0, bytesPerSecond = 0 } = this.faults();
    const now = Date.now();
    const transmit = bytesPerSecond > 0 ? (size / bytesPerSecond) * 1000 : 0;
    this.busyUntil = Math.max(this.busyUntil, now) + transmit;
    const at = this.busyUntil + latencyMs;
    this.last = this.last.then(() => new Promise<void>((resolve) => setTimeout(() => (deliver(), resolve()), Math.max(0, at - Date.now()))));
  }
}

export async function startFaultProxy(o: { targetPort: number; random?: () => number }): Promise<FaultProxy> {
  let faults: Faults = {};
  const random = o.random ?? Math.random;
  const stats: ProxyStats = { connections: 0, resets: 0, bytesUp: 0, bytesDown: 0 };
  const open = new Set<Socket>();

  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
  };
  const reset = (a: Socket, b: Socket) => {
    stats.resets++;
    a.resetAndDestroy();
    b.resetAndDestroy();
  };

  const server = createServer((client) => {
    track(client);
    stats.connections++;
    if (faults.refuse) return void client.destroy();
    if (faults.blackHole) return void client.pause();

    const upstream = connect({ host: '127.0.0.1', port: o.targetPort });
    track(upstream);
    let down = 0;
    const pipe = (from: Socket, to: Socket, direction: 'up' | 'down') => {
      const pacer = new Pacer(() => faults);
      from.on('data', (chunk: Buffer) => {
        if (faults.blackHole) return;
        if ((faults.resetProbability ?? 0) > 0 && random() < faults.resetProbability!) return reset(client, upstream);
        let piece = chunk;
        if (direction === 'down' && faults.cutResponseAfterBytes !== undefined) {
          const room = faults.cutResponseAfterBytes - down;
          if (room <= 0) return void (client.destroy(), upstream.destroy());
          piece = chunk.subarray(0, room);
        }
        if (direction === 'down') down += piece.length;
        if (direction === 'up') stats.bytesUp += piece.length;
        else stats.bytesDown += piece.length;
        pacer.send(piece.length, () => {
          if (!to.destroyed) to.write(piece);
          if (piece.length < chunk.length) client.destroy();
        });
      });
      from.on('end', () => pacer.send(0, () => to.end()));
      from.on('close', () => pacer.send(0, () => to.destroy()));
    };
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setFaults: (f) => (faults = { ...f }),
    dropAll: () => {
      for (const s of open) s.destroy();
    },
    stats: () => ({ ...stats }),
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
