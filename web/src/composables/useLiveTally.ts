// The tally of a campaign kept up to date: loaded once, then moved by the stream's events.
// The stream is closed while the page is hidden (a phone in a pocket holds no connection) and
// reopened, with a fresh load, when it is shown again.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError, errorFromException } from '../api/client';
import { openTallyStream, type StreamStatus } from '../api/tallyStream';
import type { Tally } from '../api/types';
import { getTally, tallyStreamUrl } from '../api/voting';
import { applyTallyEvent } from '../domain/tally';
import { DEFAULT_TIME_ZONE } from '../domain/time';

export function useLiveTally(campaignId: Ref<number>, timeZone: Ref<string | undefined>) {
  const tally = shallowRef<Tally | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  const status = ref<StreamStatus>('closed');
  /** The candidates whose count the last event moved, for a "just updated" flash. */
  const moved = shallowRef<ReadonlySet<number>>(new Set());
  let closeStream: (() => void) | null = null;
  let generation = 0;

  function stopStream() {
    closeStream?.();
    closeStream = null;
    status.value = 'closed';
  }

  function startStream() {
    stopStream();
    if (!tally.value?.visible) return;
    const ticket = generation;
    closeStream = openTallyStream(
      tallyStreamUrl(campaignId.value),
      {
        onStatus: (s) => {
          if (ticket === generation) status.value = s;
        },
        onEvent: (event) => {
          if (ticket !== generation || !tally.value) return;
          const applied = applyTallyEvent(tally.value, event, timeZone.value || DEFAULT_TIME_ZONE);
          tally.value = applied.tally;
          if (applied.moved.length) moved.value = new Set(applied.moved);
          const unknown = applied.unknown;
          if (unknown.length > 0) void load(); // a candidate we have not seen: take the whole tally again
        },
      },
    );
  }

  async function load() {
    const ticket = ++generation;
    stopStream();
    if (!(campaignId.value > 0)) return; // not known yet
    loading.value = true;
    try {
      const fresh = await getTally(campaignId.value);
      if (ticket !== generation) return;
      tally.value = fresh;
      error.value = null;
      startStream();
    } catch (e) {
      if (ticket === generation) error.value = errorFromException(e);
    } finally {
      if (ticket === generation) loading.value = false;
    }
  }

  function onVisibility() {
    if (document.visibilityState === 'hidden') {
      generation += 1;
      stopStream();
    } else if (!closeStream) {
      void load();
    }
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    generation += 1;
    stopStream();
  });
  watch(campaignId, () => void load(), { immediate: true });

  return { tally, error, loading, status, moved, reload: load };
}
