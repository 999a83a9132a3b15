/**
 * Response bodies in CI's wire format, written with fast-xml-parser's XMLBuilder from the
 * emulator's own records (never through the dashboard's parser, so neither can mask the other's
 * mistakes).
 *
 * A job's `<JobsDetail>` element only changes when its visible state (or a running job's progress)
 * changes, so it is built once per state and cached as UTF-8 bytes; a page is then the cached
 * elements between `<Response>` and a built `<NextToken>`. (Re-running the builder over 100 cached
 * fragments, e.g. as stop nodes, and re-encoding ~100 KB of text cost ~0.6 ms per page, over
 * half of the server's time for size=100.)
 */
import { XMLBuilder } from 'fast-xml-parser';

import { operationFor } from './content';
import type { Dataset, JobRecord, JobView, QueueRecord } from './dataset';
import type { XmlNode } from './node';
import { hashString, Rng } from './random';
import { formatCiTime } from './time';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });
const build = (node: XmlNode) => builder.build(node);
const RESPONSE_OPEN = Buffer.from('<Response>');
const RESPONSE_CLOSE = Buffer.from('</Response>');

const ERROR_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>\n";

/**
 * How a job's element varies where CI's examples vary, fixed per job by its own generator (apart
 * from the content's draws): an empty SubTag, `-` or empty for times not reached yet, `Success` or
 * nothing as the Message of an unfinished job, CosHeaders on workflow jobs.
 */
function variantsOf(job: JobRecord) {
  const rng = new Rng(hashString('element', job.contentSeed));
  return {
    subTag: rng.chance(0.3),
    emptyTimes: rng.chance(0.3),
    messageSuccess: rng.chance(0.5),
    cosHeaders: Boolean(job.workflow) && rng.chance(0.6),
    uploader: rng.pick(['web', 'app-ios', 'app-android', 'batch-import']),
  };
}

const CONTENT_TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', mp3: 'audio/mpeg' };

function jobsDetailNode(dataset: Dataset, job: JobRecord, view: JobView): XmlNode {
  const failed = view.state === 'Failed' && job.failure;
  const v = variantsOf(job);
  const input: XmlNode = { BucketId: job.input.bucketId, Object: job.input.object, Region: job.input.region };
  if (job.input.lang) input.Lang = job.input.lang;
  if (job.input.type) input.Type = job.input.type;
  if (v.cosHeaders) {
    const ext = job.input.object?.split('.').pop()?.toLowerCase() ?? '';
    input.CosHeaders = [
      { Key: 'Content-Type', Value: CONTENT_TYPES[ext] ?? 'application/octet-stream' },
      { Key: 'x-cos-meta-uploader', Value: v.uploader },
    ];
  }
  const notYet = v.emptyTimes ? '' : '-';
  const finished = view.state === 'Success' || view.state === 'Failed' || view.state === 'Cancel';
  const node: XmlNode = {
    Code: failed ? job.failure?.code : 'Success',
    Message: failed
      ? job.failure?.message
      : view.state === 'Success' || (!finished && v.messageSuccess)
        ? 'Success'
        : null,
    JobId: job.jobId,
    State: view.state,
    Progress: String(view.progress),
    CreationTime: formatCiTime(job.creationMs),
    StartTime: view.startMs === null ? notYet : formatCiTime(view.startMs),
    EndTime: view.endMs === null ? notYet : formatCiTime(view.endMs),
    QueueId: job.queueId,
    QueueType: job.queueType,
    Tag: job.tag,
    ...(v.subTag ? { SubTag: '' } : {}),
    Input: input,
    Operation: operationFor(job, view.state, { bucket: dataset.bucket, region: dataset.region, seed: dataset.seed }),
  };
  if (job.workflow) {
    node.Workflow = {
      RunId: job.workflow.runId,
      WorkflowId: job.workflow.workflowId,
      WorkflowName: job.workflow.workflowName,
      Name: job.workflow.name,
    };
  }
  return node;
}

interface CacheSlot {
  key: string;
  xml: Buffer;
}

/**
 * Per-job cache of the `<JobsDetail>` element, one slot per job (its current state), up to
 * `capacity` jobs: a sync walking a million jobs must not keep a million elements.
 */
export class JobXmlCache {
  private readonly slots = new Map<string, CacheSlot>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly dataset: Dataset,
    private readonly capacity = 200_000,
  ) {}

  /** The job's `<JobsDetail>…</JobsDetail>` element for this view, UTF-8 encoded. */
  element(job: JobRecord, view: JobView): Buffer {
    const key = view.state === 'Running' ? `Running:${view.progress}` : view.state;
    const slot = this.slots.get(job.jobId);
    if (slot && slot.key === key) {
      this.hits++;
      return slot.xml;
    }
    this.misses++;
    const xml = Buffer.from(build({ JobsDetail: jobsDetailNode(this.dataset, job, view) }), 'utf8');
    if (!slot && this.slots.size >= this.capacity) {
      // Drop the oldest slot (a Map iterates in insertion order).
      const oldest = this.slots.keys().next().value;
      if (oldest !== undefined) this.slots.delete(oldest);
    }
    this.slots.set(job.jobId, { key, xml });
    return xml;
  }
}

/** GET /jobs: `<Response><JobsDetail>…</JobsDetail>…<NextToken>…</NextToken></Response>`. */
export function jobListXml(elements: readonly Buffer[], nextToken: string): Buffer {
  return Buffer.concat([RESPONSE_OPEN, ...elements, Buffer.from(build({ NextToken: nextToken })), RESPONSE_CLOSE]);
}

/** GET /jobs/<ids>: found jobs, then the ids that do not exist (omitted when all exist). */
export function jobBatchXml(elements: readonly Buffer[], nonExistent: readonly string[]): Buffer {
  const tail = nonExistent.length > 0 ? [Buffer.from(build({ NonExistJobIds: nonExistent }), 'utf8')] : [];
  return Buffer.concat([RESPONSE_OPEN, ...elements, ...tail, RESPONSE_CLOSE]);
}

function queueNode(queue: QueueRecord): XmlNode {
  const n = queue.notify;
  const notify: XmlNode = { Url: n.url, Event: n.event, Type: n.type, State: n.state, ResultFormat: n.resultFormat };
  if (n.mq) Object.assign(notify, { MqMode: n.mq.mode, MqRegion: n.mq.region, MqName: n.mq.name });
  return {
    QueueId: queue.queueId,
    Name: queue.name,
    State: queue.state,
    NotifyConfig: notify,
    MaxSize: String(queue.maxSize),
    MaxConcurrent: String(queue.maxConcurrent),
    UpdateTime: formatCiTime(queue.updateMs),
    CreateTime: formatCiTime(queue.createMs),
    Category: queue.category,
  };
}

export interface QueuePage {
  requestId: string;
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  queues: readonly QueueRecord[];
  nonExistent: readonly string[];
}

/** GET /queue, /asrqueue, /picqueue, /ai_queue (reference §3.3). */
export function queueListXml(page: QueuePage): string {
  const response: XmlNode = {
    RequestId: page.requestId,
    TotalCount: String(page.totalCount),
    PageNumber: String(page.pageNumber),
    PageSize: String(page.pageSize),
  };
  if (page.queues.length > 0) response.QueueList = page.queues.map(queueNode);
  if (page.nonExistent.length > 0) response.NonExistPIDs = [...page.nonExistent];
  return build({ Response: response });
}

/**
 * CI's error document, declaration included exactly as CI writes it (single quotes), with the
 * Resource asked for (when known) and a TraceId as COS-style errors carry (reference §4.1).
 */
export function errorXml(code: string, message: string, requestId: string, resource?: string): string {
  const traceId = Buffer.from(`${requestId}:${code}`).toString('base64url').slice(0, 48);
  return (
    ERROR_DECLARATION +
    build({
      Error: {
        Code: code,
        Message: message,
        ...(resource !== undefined ? { Resource: resource } : {}),
        RequestId: requestId,
        TraceId: traceId,
      },
    })
  );
}
