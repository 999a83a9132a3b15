/** Display formats a person reads (browser-safe; no server imports). */

/** `2022-06-27T15:23:12+08:00` → `2022-06-27 15:23:12 +08:00`: CI's wall-clock time with its offset. */
export function formatTimeWithOffset(iso: string | null): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]} ${m[3] === 'Z' ? '+00:00' : m[3]}`;
}

/** Seconds → `0:13.65`, `1:02:03`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = s < 10 ? `0${s.toFixed(s % 1 ? 2 : 0)}` : s.toFixed(s % 1 ? 2 : 0);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss.split('.')[0]!.padStart(2, '0')}` : `${m}:${ss}`;
}

/** Elapsed ms between two ISO times (or until now), as `1 h 4 min`, `3 min 12 s`, `8 s`. */
export function formatElapsed(fromIso: string | null, toIso: string | null, now = Date.now()): string {
  if (!fromIso) return '—';
  const from = Date.parse(fromIso);
  const to = toIso ? Date.parse(toIso) : now;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return '—';
  const total = Math.round((to - from) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** Bytes → `1.4 MB` (decimal units, as players and CI's console show sizes). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** CI's kbps figure → `834 kb/s`, `2.6 Mb/s`. */
export function formatKbps(kbps: number | null): string {
  if (kbps === null || !Number.isFinite(kbps)) return '—';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mb/s` : `${Math.round(kbps)} kb/s`;
}
