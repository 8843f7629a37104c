// Follows a video's transcode: asks again every two seconds while it is queued or running and
// stops when it is done, failed, replaced or the page is left.
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { getUpload, type ShowcaseVideo } from '../api/showcase';
import { videoPending } from '../domain/showcase';

const EVERY_MS = 2000;

/**
 * `video` is followed in place. `fromShowcase` fetches the saved showcase's video (any editor may
 * read it); until the video is in the saved draft, the uploader's GET /uploads/{id} is asked.
 */
export function useVideoProcessing(video: Ref<ShowcaseVideo | null>, savedVideoId: () => string, fromShowcase: () => Promise<ShowcaseVideo | null>) {
  const error = ref('');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  async function poll() {
    timer = null;
    const current = video.value;
    if (stopped || !videoPending(current) || !current) return;
    try {
      let next: ShowcaseVideo | null;
      if (savedVideoId() === current.id) next = await fromShowcase();
      else {
        const u = await getUpload(current.id);
        next = { id: u.id, filename: u.filename, complete: u.complete, ...(u.processing ?? { state: 'queued', progress: 0 }) };
      }
      error.value = '';
      if (video.value?.id === current.id && next) video.value = next;
    } catch (e) {
      error.value = `暂时查不到视频处理进度：${(e as Error).message}`;
    }
    schedule();
  }

  function schedule() {
    if (!stopped && !timer && videoPending(video.value)) timer = setTimeout(() => void poll(), EVERY_MS);
  }

  watch(video, schedule, { immediate: true });
  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  return { error };
}
