// Runs one export download at a time, with its progress and a toast at the end.
import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import type { DownloadProgress } from '../api/http';
import { formatBytes } from '../domain/format';

export function useDownload() {
  const progress = ref<DownloadProgress | null>(null);
  const label = ref('');

  async function run(what: string, start: (onProgress: (p: DownloadProgress) => void) => Promise<{ filename: string; size: number }>) {
    if (progress.value) return;
    label.value = `正在下载${what}`;
    progress.value = { loaded: 0, total: null };
    try {
      const { filename, size } = await start((p) => {
        progress.value = p;
      });
      ElMessage.success(`已下载 ${filename}（${formatBytes(size)}）`);
    } catch (error) {
      ElMessage.error(`${what}下载失败：${(error as Error).message}`);
    } finally {
      progress.value = null;
    }
  }

  return { progress, label, run };
}
