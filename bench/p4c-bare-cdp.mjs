/**
 * P4c without DevTools' network agent (a profiling aid, not a figure of `npm run bench`): the same
 * in-page timing as bench/p4c-split.ts, through a bare CDP connection that enables only Page and
 * Runtime. Playwright always enables the Network domain, whose agent buffers every response body (up
 * to 10 MB each) and works on it on the main thread when it ends — a cost a user's browser without
 * DevTools open does not pay. NETWORK=1 enables it here too, for the comparison in one run.
 *
 *   node --experimental-websocket bench/p4c-bare-cdp.mjs <url of a server with the index live> [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const network = process.env.NETWORK === '1';
const dir = mkdtempSync(path.join(tmpdir(), 'p4c-bare-'));
const chrome = spawn(
  '/usr/bin/chromium',
  [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--remote-debugging-port=0',
    `--user-data-dir=${dir}`,
    '--window-size=1440,900',
    'about:blank',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
const wsUrl = await new Promise((res) => {
  let buf = '';
  chrome.stderr.on('data', (d) => {
    buf += d;
    const m = buf.match(/DevTools listening on (ws:\S+)/);
    if (m) res(m[1]);
  });
});
const ws = new WebSocket(wsUrl);
await new Promise((r) => ws.addEventListener('open', r));
let id = 0;
const pending = new Map();
const waiters = [];
ws.addEventListener('message', (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) {
    pending.get(m.id)(m);
    pending.delete(m.id);
  } else for (const w of waiters) w(m);
});
const send = (method, params = {}, sessionId) =>
  new Promise((r) => {
    const i = ++id;
    pending.set(i, r);
    ws.send(JSON.stringify({ id: i, method, params, sessionId }));
  });
const event = (name) =>
  new Promise((r) => {
    const w = (m) => {
      if (m.method === name) {
        waiters.splice(waiters.indexOf(w), 1);
        r(m);
      }
    };
    waiters.push(w);
  });
const ev = async (s, expression) =>
  (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, s)).result?.result?.value;
for (let i = 0; i < runs; i++) {
  const {
    result: { browserContextId },
  } = await send('Target.createBrowserContext');
  const {
    result: { targetId },
  } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
  const {
    result: { sessionId: s },
  } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Page.enable', {}, s);
  if (network) await send('Network.enable', {}, s);
  await send(
    'Emulation.setDeviceMetricsOverride',
    { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false },
    s,
  );
  const loaded = event('Page.loadEventFired');
  await send('Page.navigate', { url: `${url}/jobs?tag=Transcode&size=100` }, s);
  await loaded;
  while (!(await ev(s, `!!document.querySelector('[data-testid="jobs-table"][data-hydrated] tbody tr')`)))
    await new Promise((r) => setTimeout(r, 100));
  const split = await ev(
    s,
    `new Promise((resolve) => {
    const longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
    const done = () => Number(document.querySelector('[data-testid="jobs-table"]')?.getAttribute('aria-rowcount')) - 1 >= 10000;
    const t0 = performance.now();
    const tick = () => {
      if (done()) { const allRows = performance.now(); requestAnimationFrame(() => { const painted = performance.now(); setTimeout(() => {
        const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('format=ndjson')).pop();
        resolve({ firstByte: Math.round(r.responseStart - t0), lastByte: Math.round(r.responseEnd - t0), allRows: Math.round(allRows - t0), painted: Math.round(painted - t0),
          longTasks: longTasks.filter(([s]) => s >= t0).map(([s, d]) => [Math.round(s - t0), Math.round(d)]) }); }, 400); }); }
      else requestAnimationFrame(tick);
    };
    document.querySelector('[data-testid="load-all"]').click();
    requestAnimationFrame(tick);
  })`,
  );
  console.log(network ? 'with Network domain' : 'bare CDP', JSON.stringify(split));
  await send('Target.disposeBrowserContext', { browserContextId });
}
ws.close();
chrome.kill();
