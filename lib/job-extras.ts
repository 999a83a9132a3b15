/**
 * Every `extra` bag of a job, wherever it sits (job, input, output, operation, media info, streams,
 * result files, per-tag results), with a readable path: what the model did not interpret is shown,
 * never dropped. Browser-safe.
 */
import type { Extra, Job } from './ci/types';

export interface ExtraAt {
  path: string;
  extra: Extra;
}

const NAMES: Record<string, string> = {
  input: 'Input',
  output: 'Output',
  operation: 'Operation',
  mediaInfo: 'Media info',
  format: 'Format',
  video: 'Video stream',
  audio: 'Audio stream',
  subtitle: 'Subtitle stream',
  mediaResult: 'Media result',
  outputFiles: 'Output file',
  spriteOutputFiles: 'Sprite output file',
  digitalWatermark: 'Digital watermark',
  detail: 'Result',
};

function label(key: string): string {
  return NAMES[key] ?? key.replace(/^./, (c) => c.toUpperCase());
}

export function collectExtras(job: Job): ExtraAt[] {
  const out: ExtraAt[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        visit(item, value.length > 1 ? [...path.slice(0, -1), `${path[path.length - 1]} ${i + 1}`] : path),
      );
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'extra') {
        if (child && typeof child === 'object' && Object.keys(child).length > 0) {
          out.push({ path: path.length ? path.join(' › ') : 'Job', extra: child as Extra });
        }
      } else if (key !== 'config') {
        visit(child, [...path, label(key)]);
      }
    }
  };
  visit(job, []);
  return out;
}
