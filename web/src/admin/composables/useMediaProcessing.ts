// Follows the processing of a showcase's video and photos: asks again every two seconds while any
// of them is queued or running, and stops when all are done or failed, replaced or the page is left.
import { onBeforeUnmount, ref, watch } from 'vue';
import { getUpload, type Showcase, type ShowcaseMedia } from '../api/showcase';
import { mediaPending } from '../domain/showcase';

const EVERY_MS = 2000;

export interface FollowedMedia {
  /** Everything there is to follow now: the video, the photos. */
  items: () => (ShowcaseMedia | null | undefined)[];
  /**
   * The upload ids in the saved draft: these are read from the saved showcase (any editor may
   * read it, one request for all); the others from the uploader's GET /uploads/{id}.
   */
  saved: () => Set<string>;
  fromShowcase: () => Promise<Pick<Showcase, 'video' | 'photos'> | null>;
  /** A newer state of one of the items. */
  update: (next: ShowcaseMedia) => void;
}

export function useMediaProcessing(followed: FollowedMedia) {
  const error = ref('');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const pending = () => followed.items().filter((m): m is ShowcaseMedia => mediaPending(m));

  async function poll() {
    timer = null;
    const now = pending();
    if (stopped || !now.length) return;
    try {
      const saved = followed.saved();
      if (now.some((m) => saved.has(m.id))) {
        const s = await followed.fromShowcase();
        const known = [s?.video, ...(s?.photos ?? [])];
        for (const m of now.filter((x) => saved.has(x.id))) {
          const next = known.find((k) => k?.id === m.id);
          if (next) followed.update(next);
        }
      }
      for (const m of now.filter((x) => !saved.has(x.id))) {
        const u = await getUpload(m.id);
        followed.update({ id: u.id, filename: u.filename, complete: u.complete, ...(u.processing ?? { state: 'queued', progress: 0 }) });
      }
      error.value = '';
    } catch (e) {
      error.value = `暂时查不到视频或照片的处理进度：${(e as Error).message}`;
    }
    schedule();
  }

  function schedule() {
    if (!stopped && !timer && pending().length) timer = setTimeout(() => void poll(), EVERY_MS);
  }

  watch(() => pending().map((m) => m.id).join(), schedule, { immediate: true });
  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  return { error };
}
