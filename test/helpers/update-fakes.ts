import type { Timers } from '../../station/runtime/timers';
import type { UpdateEngine, UpdateEngineEvent, UpdateEngineListener, UpdateFeed } from '../../station/updates/engine';

/** Fakes for the update policy's tests (test/unit/update-controller.test.ts): time, and engines that act as told. */

/** Time that moves only when the test says so; timers fire in due order. */
export class FakeTime implements Timers {
  now = Date.parse('2026-11-27T08:00:00Z');
  private seq = 0;
  private readonly pending = new Map<number, { due: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { due: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get count(): number {
    return this.pending.size;
  }
  /** Moves the clock forward, firing every timer that falls due (and letting their promises settle). */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.pending.entries()].filter(([, t]) => t.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.now = next[1].due;
      next[1].fn();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Scripted answers to checks; records what the controller asked of it. */
export class FakeEngine implements UpdateEngine {
  currentVersion = '1.0.0';
  checks = 0;
  feeds: UpdateFeed[] = [];
  installOnQuit = true;
  installs = 0;
  installStarts = true;
  /** What the next check does. */
  next: (emit: (e: UpdateEngineEvent) => void) => Promise<void> | void = (emit) => emit({ type: 'not-available', version: '1.0.0' });
  private readonly listeners = new Set<UpdateEngineListener>();
  configure(feed: UpdateFeed): void {
    this.feeds.push(feed);
  }
  async check(): Promise<void> {
    this.checks++;
    this.emit({ type: 'checking' });
    await this.next((e) => this.emit(e));
  }
  setInstallOnQuit(enabled: boolean): void {
    this.installOnQuit = enabled;
  }
  quitAndInstall(): boolean {
    this.installs++;
    return this.installStarts;
  }
  subscribe(l: UpdateEngineListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: UpdateEngineEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** The real engine's order: the gate is asked before anything is downloaded (station/updates/electron-updater-engine.ts). */
export class GatedEngine extends FakeEngine {
  gate: (version: string, storeSchema: number | null) => string | null = () => null;
  downloads: string[] = [];
  setGate(gate: (version: string, storeSchema: number | null) => string | null): void {
    this.gate = gate;
  }
  /** The feed offers `version`, declaring the store schema it ships (null: a release published without it). */
  offer(version: string, storeSchema: number | null = null): void {
    this.next = (emit) => {
      const reason = this.gate(version, storeSchema);
      if (reason !== null) return emit({ type: 'refused', version, reason });
      emit({ type: 'available', version, releaseNotes: null });
      this.downloads.push(version);
      emit({ type: 'downloaded', version, releaseNotes: null });
    };
  }
}
