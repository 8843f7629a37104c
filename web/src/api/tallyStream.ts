// The tally's Server-Sent Events stream: `tally` events parsed and handed on, and a new
// connection (1 s, 2 s, 4 s … up to 30 s apart) whenever the browser gives up on one.
import type { TallyEvent } from './types';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface StreamHandlers {
  onEvent: (event: TallyEvent) => void;
  onStatus?: (status: StreamStatus) => void;
  /** After a connection opens; `again` when it replaces one that was lost. */
  onOpen?: (again: boolean) => void;
}

interface EventSourceLike {
  readyState: number;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface StreamDeps {
  EventSource?: new (url: string) => EventSourceLike;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

const CLOSED = 2;
const MAX_DELAY_MS = 30_000;

export function reconnectDelay(failures: number): number {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

export function parseTallyEvent(data: string): TallyEvent | null {
  try {
    const parsed = JSON.parse(data) as Partial<TallyEvent> | null;
    if (!parsed || typeof parsed.total !== 'number') return null;
    const changed = Array.isArray(parsed.changed)
      ? parsed.changed.filter((c) => c && typeof c.id === 'number' && typeof c.votes === 'number')
      : [];
    return { total: parsed.total, as_of: typeof parsed.as_of === 'string' ? parsed.as_of : '', changed };
  } catch {
    return null;
  }
}

/** Opens the stream; the function returned closes it for good. */
export function openTallyStream(url: string, handlers: StreamHandlers, deps: StreamDeps = {}): () => void {
  const Source = deps.EventSource ?? (globalThis.EventSource as unknown as StreamDeps['EventSource']);
  const later = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let failures = 0;
  let opened = false;
  let stopped = false;

  const status = (s: StreamStatus) => handlers.onStatus?.(s);

  function connect() {
    timer = null;
    if (stopped) return;
    if (!Source) {
      status('closed');
      return;
    }
    status(opened ? 'reconnecting' : 'connecting');
    const current = new Source(url);
    source = current;
    current.onopen = () => {
      if (source !== current) return;
      failures = 0;
      status('live');
      handlers.onOpen?.(opened);
      opened = true;
    };
    const onMessage = (message: MessageEvent) => {
      if (source !== current) return;
      const event = parseTallyEvent(String(message.data));
      if (event) handlers.onEvent(event);
    };
    current.addEventListener('tally', onMessage);
    current.addEventListener('message', onMessage); // the same data sent without an event name
    current.onerror = () => {
      if (source !== current || stopped) return;
      status('reconnecting');
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an HTTP error, a proxy), so we do.
      if (current.readyState === CLOSED) {
        current.close();
        source = null;
        failures += 1;
        timer = later(connect, reconnectDelay(failures));
      }
    };
  }

  connect();
  return () => {
    stopped = true;
    if (timer !== null) cancel(timer);
    source?.close();
    source = null;
    status('closed');
  };
}
