import { describe, expect, it } from 'vitest';
import { openTallyStream, parseTallyEvent, reconnectDelay, type StreamStatus } from './tallyStream';
import type { TallyEvent } from './types';

/** A stand-in for EventSource that the test drives by hand. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  closed = false;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  private listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent);
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

function setup() {
  FakeSource.all = [];
  const events: TallyEvent[] = [];
  const statuses: StreamStatus[] = [];
  const opens: boolean[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const close = openTallyStream(
    '/api/v1/campaigns/1/tally/stream',
    { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s), onOpen: (again) => opens.push(again) },
    {
      EventSource: FakeSource as never,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => {},
    },
  );
  return { events, statuses, opens, timers, close };
}

describe('openTallyStream', () => {
  it('hands on tally events and skips what it cannot read', () => {
    const { events, statuses } = setup();
    const source = FakeSource.all[0];
    expect(source.url).toBe('/api/v1/campaigns/1/tally/stream');
    source.open();
    source.send('tally', '{"total":5,"as_of":"2026-12-02T02:00:00Z","changed":[{"id":12,"votes":5}]}');
    source.send('tally', 'not json');
    source.send('tally', '{"changed":[]}');
    source.send('message', '{"total":6,"as_of":"2026-12-02T02:00:01Z","changed":[]}');
    expect(events).toEqual([
      { total: 5, as_of: '2026-12-02T02:00:00Z', changed: [{ id: 12, votes: 5 }] },
      { total: 6, as_of: '2026-12-02T02:00:01Z', changed: [] },
    ]);
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it("leaves a dropped connection to the browser's own retry", () => {
    const { statuses, timers } = setup();
    FakeSource.all[0].open();
    FakeSource.all[0].fail(0);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(timers).toHaveLength(0);
    expect(FakeSource.all).toHaveLength(1);
  });

  it('reconnects, later and later, when the browser gives up', () => {
    const { timers, opens, statuses } = setup();
    FakeSource.all[0].open();
    FakeSource.all[0].fail(2);
    expect(FakeSource.all[0].closed).toBe(true);
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers[0].fn();
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1].fail(2);
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000]);
    timers[1].fn();
    FakeSource.all[2].open();
    expect(opens).toEqual([false, true]);
    expect(statuses.at(-1)).toBe('live');
    FakeSource.all[2].fail(2);
    expect(timers.at(-1)?.ms).toBe(1000); // a good connection resets the wait
  });

  it('stops for good when closed', () => {
    const { close, timers, events, statuses } = setup();
    const source = FakeSource.all[0];
    close();
    expect(source.closed).toBe(true);
    source.send('tally', '{"total":1,"as_of":"","changed":[]}');
    source.fail(2);
    expect(events).toHaveLength(0);
    expect(timers).toHaveLength(0);
    expect(statuses.at(-1)).toBe('closed');
  });
});

describe('reconnectDelay and parseTallyEvent', () => {
  it('doubles up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('keeps only well-formed changes', () => {
    expect(parseTallyEvent('{"total":3,"changed":[{"id":1,"votes":2},{"id":"x"},null]}')).toEqual({
      total: 3,
      as_of: '',
      changed: [{ id: 1, votes: 2 }],
    });
  });
});
