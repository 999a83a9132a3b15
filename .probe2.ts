import { createDataset, viewAt } from '@/lib/emulator/dataset';
import { JobXmlCache } from '@/lib/emulator/xml';
const ds = createDataset({ baseTime: Date.UTC(2025, 10, 25, 8, 0, 0) });
const now = ds.baseTime;
const cache = new JobXmlCache(ds);
const succ = ds.byTag.get('Transcode')!.filter(j => viewAt(j, now)?.state === 'Success');
const sizes = succ.map(j => { const x = cache.inner(j, viewAt(j, now)!); return [Buffer.byteLength(x), x.includes('.m3u8') ? 1 : 0] as const; });
const avg = (a: number[]) => Math.round(a.reduce((x, y) => x + y, 0) / a.length);
console.log('all', avg(sizes.map(s => s[0])), 'hls', avg(sizes.filter(s => s[1]).map(s => s[0])), 'non-hls', avg(sizes.filter(s => !s[1]).map(s => s[0])));
// latest 100 desc
const last = succ.slice(-100);
console.log('latest 100 page bytes', last.reduce((a, j) => a + Buffer.byteLength(cache.inner(j, viewAt(j, now)!)) + 23, 0));
