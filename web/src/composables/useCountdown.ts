// Seconds left until a deadline, for "60 秒后重新获取". Counted from the clock, not from ticks,
// so that a phone that slept in between shows the right figure when it wakes.
import { computed, onBeforeUnmount, ref } from 'vue';

export function useCountdown() {
  const deadline = ref(0);
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;

  const seconds = computed(() => Math.max(0, Math.ceil((deadline.value - now.value) / 1000)));

  function stop() {
    clearInterval(timer);
    timer = undefined;
  }

  function start(secondsFromNow: number) {
    stop();
    now.value = Date.now();
    deadline.value = now.value + Math.max(0, secondsFromNow) * 1000;
    timer = setInterval(() => {
      now.value = Date.now();
      if (now.value >= deadline.value) stop();
    }, 250);
  }

  onBeforeUnmount(stop);
  return { seconds, start };
}
