import type { StationInput, StationMethod } from '../../core/api/schemas';
import { readStationEvent, type StationEvent } from '../../core/api/events';
import type { StationErrorBody, StationOutputs } from '../../core/api/station-api';
import { StationCallError } from './station-call-error';

export { StationCallError, errorMessage } from './station-call-error';

/**
 * The renderer's only door to the backend (DESIGN.md §3). In Electron the preload script exposes
 * `window.daiban`; in a plain browser the page was opened by the browser host as `/#token=…` and talks
 * to `POST /api/<method>` with that token.
 */

export type { StationEvent };
type Listener = (event: StationEvent) => void;

interface DaibanBridge {
  call(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: unknown) => void): (() => void) | void;
}

declare global {
  interface Window {
    daiban?: DaibanBridge;
  }
}

const TOKEN_KEY = 'daiban.token';

/** Takes the session token from `#token=…` once, keeps it for reloads, and removes it from the address bar. */
function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const bridge: DaibanBridge | undefined = typeof window !== 'undefined' ? window.daiban : undefined;
const token: string | null = bridge ? null : readToken();

export interface CallOptions {
  /** Lets the request finish while the page is being closed (autosave on leaving). */
  keepalive?: boolean;
}

async function httpCall(method: string, input: unknown, options: CallOptions): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
      body: JSON.stringify(input ?? {}),
      keepalive: options.keepalive,
    });
  } catch (e) {
    throw StationCallError.from(e);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return body;
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    throw new StationCallError(body as StationErrorBody);
  }
  throw new StationCallError({
    code: res.status === 401 || res.status === 403 ? 'AUTH_REQUIRED' : 'INTERNAL',
    message:
      res.status === 401 || res.status === 403
        ? '本页面的访问凭证已失效，请从代办终端重新打开。'
        : `本机服务出现异常（${res.status}），本次操作未完成。请重试。`,
  });
}

export async function call<M extends StationMethod>(method: M, input: StationInput<M>, options: CallOptions = {}): Promise<StationOutputs[M]> {
  if (bridge) {
    try {
      return (await bridge.call(method, input)) as StationOutputs[M];
    } catch (e) {
      throw StationCallError.from(e);
    }
  }
  return (await httpCall(method, input, options)) as StationOutputs[M];
}

const listeners = new Set<Listener>();
let source: EventSource | null = null;

/** One typed event (core/api/events.ts) from either transport; anything else is dropped here, once. */
function dispatch(raw: unknown): void {
  const event = readStationEvent(raw);
  if (!event) return;
  for (const l of listeners) l(event);
}

function connect(): void {
  if (bridge) {
    bridge.on(dispatch);
    return;
  }
  if (!token || typeof EventSource === 'undefined') return;
  source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (e) => dispatch(e.data);
}

let connected = false;

/** Push events (sync progress, a decision arrived). Returns the unsubscribe function. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  if (!connected) {
    connected = true;
    connect();
  }
  return () => {
    listeners.delete(listener);
  };
}

/** True when the page has a way to reach the station at all (for a clear message if it has not). */
export function hasTransport(): boolean {
  return Boolean(bridge || token);
}

export function closeEvents(): void {
  source?.close();
  source = null;
  connected = false;
}

/** True in the resident's screen (评价屏, renderer/ratings/RatingPad.tsx): the app opened with ?pad=1. */
export function isPadWindow(): boolean {
  return new URLSearchParams(window.location.search).get('pad') === '1';
}

/**
 * Where the browser host opens the resident's screen as a small window: a page of its own with a token that is
 * good for the rating only (station/browser-host); null in Electron, whose shell opens it on a second display.
 */
export async function padWindowLink(): Promise<string | null> {
  if (bridge || !token) return null;
  try {
    const res = await fetch('/api/pad-link', { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const { url } = (await res.json()) as { url?: unknown };
    return typeof url === 'string' ? `${window.location.origin}${url}` : null;
  } catch {
    return null;
  }
}
