// The Web Worker that solves a vote's challenge off the page's thread.
import { workerHandler, type FromWorker, type ToWorker } from './protocol';

const post = (message: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);
const handle = workerHandler(post);

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  void handle(event.data);
});
