/** A /jobs view with every key at its default (as the URL parsers give it), changed by `patch`. */
import type { JobsView } from '@/lib/jobs-search-params';

export const DEFAULT_VIEW: JobsView = {
  bucket: '',
  tag: 'Transcode',
  states: [],
  queue: '',
  queueType: '',
  workflow: '',
  trigger: '',
  input: '',
  codes: '',
  q: '',
  range: '',
  from: '',
  to: '',
  order: 'desc',
  size: '20',
  page: '',
  tokens: [],
  job: '',
  sort: '',
};

export const jobsView = (patch: Partial<JobsView> = {}): JobsView => ({ ...DEFAULT_VIEW, ...patch });
