/**
 * Run with `node --expose-gc --import tsx`: prints the heap (MB) that loading the triage
 * engine keeps alive. Every Worker isolate holds it, beside the rooms, so it bounds both
 * the isolate's memory (128 MB) and the garbage collector's pauses.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
collect();
const before = process.memoryUsage().heapUsed;
const { triage } = await import('../../worker/policy/triage');
triage('warm-up');
collect();
console.log(((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1));

export {};
