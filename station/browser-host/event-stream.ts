import type { ServerResponse } from 'node:http';
import type { StationEvent } from '../../core/api/events';

/** The server-sent-events side of push (DESIGN.md §3): every open stream gets every published event. */
export class EventStreamHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(keepAliveMs: number) {
    // A comment line keeps proxies and idle timers from closing a quiet stream.
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
    this.timer.unref();
  }

  open(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(event: StationEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
