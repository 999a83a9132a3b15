import { createDataset, viewAt } from '@/lib/emulator/dataset';
import { JobXmlCache } from '@/lib/emulator/xml';
import { TAGS } from '@/lib/ci/tags';
let t = performance.now();
const ds = createDataset({ baseTime: Date.UTC(2025, 10, 25, 8, 0, 0) });
console.log('gen ms', (performance.now() - t).toFixed(1), ds.jobs.length);
const now = ds.baseTime;
const counts: Record<string, Record<string, number>> = {};
for (const j of ds.jobs) { const v = viewAt(j, now); const s = v ? v.state : 'future'; (counts[j.tag] ??= {})[s] = ((counts[j.tag] ??= {})[s] ?? 0) + 1; }
const tot: Record<string, number> = {};
for (const c of Object.values(counts)) for (const [k, v] of Object.entries(c)) tot[k] = (tot[k] ?? 0) + v;
console.log(tot); console.log(counts.Transcode, counts.Tts);
const cache = new JobXmlCache(ds);
t = performance.now();
let bytes = 0, n = 0;
for (const j of ds.jobs) { const v = viewAt(j, now); if (!v) continue; bytes += cache.inner(j, v).length; n++; }
console.log('build all ms', (performance.now() - t).toFixed(1), 'avg bytes', Math.round(bytes / n));
const succ = ds.byTag.get('Transcode')!.filter(j => viewAt(j, now)?.state === 'Success');
const sizes = succ.map(j => Buffer.byteLength(cache.inner(j, viewAt(j, now)!)));
console.log('transcode success avg bytes', Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length));
for (const tag of process.argv.slice(2)) {
  const j = ds.byTag.get(tag as any)!.find(j => viewAt(j, now)?.state === 'Success')!;
  console.log(tag, cache.inner(j, viewAt(j, now)!));
}
console.log(ds.queues.map(q=>[q.queueId,q.name]), ds.workflows.map(w=>w.workflowId), ds.batchJobs.map(b=>b.jobId));
