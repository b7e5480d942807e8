// Preloaded with `node --import` into a process under measurement: samples its resident and heap
// memory every BENCH_MEM_EVERY_MS (default 100) and, at exit, writes the samples and the peak
// RSS (resourceUsage().maxRSS) to BENCH_MEM_OUT. The timer is unref'd so it never keeps the
// process alive.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_MEM_OUT;
if (out) {
  const samples = [];
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({ t: Math.round(performance.now()), rss: m.rss, heap: m.heapUsed });
  };
  setInterval(sample, Number(process.env.BENCH_MEM_EVERY_MS ?? 100)).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(out, JSON.stringify({ samples, maxRss: process.resourceUsage().maxRSS * 1024, timeOrigin: performance.timeOrigin }));
  });
}
