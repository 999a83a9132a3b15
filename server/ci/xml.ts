/**
 * The XML edge: CI's responses → the job model (lib/ci/types.ts). With server/ci/job-reader.ts (a
 * job's elements → `Job`), the only place that knows CI's element names; everything after it speaks
 * `Job`. This half parses CI's documents into trees and pages: lists (with a fast path that skips the
 * Operation), lookups, queues and error documents.
 *
 * Parsing is strict first; if the document is not well formed (CI's documentation prints such
 * examples, ci-api-reference.md §6.1) it is repaired leniently and parsed again.
 */
import 'server-only';

import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

import type { Job, JobListItem, JobLookup, JobPage, Queue, XmlTree } from '@/lib/ci/types';

import { readJob, readJobHead } from './job-reader';
import { scanListDocument } from './list-scan';
import { XmlReader } from './xml-reader';
import { repairXml } from './xml-repair';

/**
 * Elements that repeat (ci-api-reference.md §5, §6.2). Declaring them keeps one element and many
 * elements the same shape; the reader tolerates both anyway, so a list CI grows later still reads.
 */
const REPEATED = new Set([
  'JobsDetail',
  'NonExistJobIds',
  'QueueList',
  'NonExistPIDs',
  'WatermarkTemplateId',
  'Watermark',
  'Workflow',
  'CosHeaders',
  'StreamExtract',
  'Video',
  'Audio',
  'OutputFile',
  'SpriteOutputFile',
  'ObjectName',
  'Md5Info',
  'AudioMixArray',
  'ConcatFragment',
  'Result',
  'ResultDetail',
  'Words',
  'FlashResult',
  'sentence_list',
  'word_list',
  'DetailedResult',
  'Items',
  'Tags',
  'TimeInfo',
  'WordsGeneralizeLable',
  'WordsGeneralizeToken',
  'BodyRecognition',
  'PetRecognition',
  'CarRecognition',
  'FaceRecognition',
  'LicenseRecognitionResult',
  'BodyInfo',
  'PetInfo',
  'CarInfo',
  'FaceInfo',
  'PlateInfo',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // every value stays a string; the model types each field
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

/**
 * Runs the XML library on CI's text: whatever it refuses (an external entity, an entity over its
 * size limit, too deep nesting, too much expansion) it throws as a plain Error, and that is CI's
 * fault like any other unreadable body — an XmlParseError, answered 502 MalformedResponse, not 500.
 */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    throw new XmlParseError(`The response XML was refused: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses a CI document into a tree, repairing it when it is not well formed. */
export function parseCiXml(xml: string): Record<string, XmlTree> {
  return guarded(() => parseCiXmlUnguarded(xml));
}

function parseCiXmlUnguarded(xml: string): Record<string, XmlTree> {
  const body = xml.trim();
  if (!body.startsWith('<')) throw new XmlParseError('The response is not XML.');
  let text = body;
  if (XMLValidator.validate(text) !== true) {
    const strictError = XMLValidator.validate(text);
    const repaired = repairXml(text);
    const check = repaired === null ? strictError : XMLValidator.validate(repaired);
    if (check !== true) {
      const reason = repaired === null ? 'it ends before its elements are closed (truncated?)' : check.err.msg;
      throw new XmlParseError(`The response XML is malformed: ${reason}`);
    }
    text = repaired!;
  }
  return parser.parse(text) as Record<string, XmlTree>;
}

function responseOf(xml: string): XmlReader {
  const doc = new XmlReader(parseCiXml(xml));
  if (!doc.has('Response')) throw new XmlParseError('The XML has no <Response> element.');
  return doc.child('Response') ?? new XmlReader({});
}

/**
 * A list page, read for the list: each job's Operation is walked but not built, but for its Output
 * (server/ci/list-scan.ts), so a 100-job page with full MediaInfo costs a fraction of a whole parse.
 * Anything that is not plain, well-formed XML — a truncated body, a stray tag, CDATA, comments —
 * goes the strict way instead: validate, repair, parse everything.
 */
export function parseJobsList(xml: string): JobPage {
  const fast = parseListFast(xml);
  if (fast) return fast;
  const response = responseOf(xml);
  const jobs = response
    .children('JobsDetail')
    .map(readJob)
    .filter((j): j is Job => j !== null)
    .map(toListItem);
  return { jobs, nextToken: response.str('NextToken') };
}

/** The full job of a list page, every Operation included (tests, exports, tools). */
export function parseJobsListFull(xml: string): { jobs: Job[]; nextToken: string | null } {
  const response = responseOf(xml);
  return {
    jobs: response
      .children('JobsDetail')
      .map(readJob)
      .filter((j): j is Job => j !== null),
    nextToken: response.str('NextToken'),
  };
}

export function toListItem(job: Job): JobListItem {
  const { operation, ...rest } = job;
  const out = operation?.output;
  return { ...rest, output: out ? { bucket: out.bucket, region: out.region, object: out.object } : null };
}

/**
 * The list's read of a page (server/ci/list-scan.ts): the tree the parser would build, each
 * Operation reduced to its Output. null when the page is anything but the plain XML that scan
 * reads exactly — the caller then parses it the strict way.
 */
function parseListFast(xml: string): JobPage | null {
  const doc = scanListDocument(xml, (name) => REPEATED.has(name));
  if (!doc) return null;
  const response = new XmlReader(doc).child('Response') ?? new XmlReader({});
  const jobs: JobListItem[] = [];
  for (const d of response.children('JobsDetail')) {
    const head = readJobHead(d);
    if (!head) continue; // a job without an ID, dropped as the strict way drops it
    // The first Operation's first Output, as the full read takes them (readJob, readOperation).
    const o = d.child('Operation')?.child('Output');
    jobs.push({
      ...head,
      output: o ? { bucket: o.str('Bucket'), region: o.str('Region'), object: o.str('Object') } : null,
    });
  }
  return { jobs, nextToken: response.str('NextToken') };
}

/**
 * The jobs of a document already read into a tree (`{ Response: { JobsDetail: … } }` or the
 * callback's `{ JobsDetail: … }`): CI's JSON callbacks carry the same elements as its XML.
 */
export function jobsOfTree(root: Record<string, XmlTree>): Job[] {
  const doc = new XmlReader(root);
  const response = doc.has('Response') ? (doc.child('Response') ?? new XmlReader({})) : doc;
  return response
    .children('JobsDetail')
    .map(readJob)
    .filter((j): j is Job => j !== null);
}

/** Reads a job element's own JobId, the Operation inside left unparsed (it may name other jobs). */
const elementParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  stopNodes: ['JobsDetail.Operation'],
});

/**
 * Each job's element as CI sent it (`<JobsDetail>…</JobsDetail>`, by job ID), cut from a lookup's
 * or a callback's body: the index keeps it for the detail's "Original XML", as a live lookup shows
 * it. JobsDetail does not nest; an element that does not read on its own is left out (the job is
 * then kept without its XML, never with a wrong one).
 */
export function jobElements(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const open = /<JobsDetail(\s[^>]*)?>/g;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const end = xml.indexOf('</JobsDetail>', m.index);
    if (end < 0) break;
    const element = xml.slice(m.index, end + '</JobsDetail>'.length);
    open.lastIndex = end;
    try {
      if (XMLValidator.validate(element) !== true) continue;
      const id = new XmlReader(elementParser.parse(element) as Record<string, XmlTree>)
        .child('JobsDetail')
        ?.str('JobId');
      if (id && !out.has(id)) out.set(id, element);
    } catch {
      // Unreadable on its own: no XML for this job.
    }
  }
  return out;
}

const elementBuilder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** A job given as JSON (CI's JSON callback) as the element CI's XML would carry: the same fields. */
export function jobElementOf(tree: XmlTree): string {
  return elementBuilder.build({ JobsDetail: tree });
}

export function parseJobLookup(xml: string): JobLookup {
  const response = responseOf(xml);
  return {
    jobs: response
      .children('JobsDetail')
      .map(readJob)
      .filter((j): j is Job => j !== null),
    nonExistJobIds: response
      .strs('NonExistJobIds')
      .flatMap((s) => s.split(','))
      .filter(Boolean),
  };
}

export function parseQueueList(xml: string, fallbackType: string): { queues: Queue[]; totalCount: number | null } {
  const response = responseOf(xml);
  const queues = response
    .children('QueueList')
    .map((q): Queue | null => {
      const queueId = q.str('QueueId');
      if (!queueId) return null;
      const category = q.str('Category');
      return {
        queueId,
        name: q.str('Name'),
        state: q.str('State'),
        category,
        queueType: category && category !== 'CateAll' ? category : fallbackType,
        maxSize: q.int('MaxSize'),
        maxConcurrent: q.int('MaxConcurrent'),
        createTime: q.time('CreateTime'),
        updateTime: q.time('UpdateTime'),
        extra: q.rest(),
      };
    })
    .filter((q): q is Queue => q !== null);
  return { queues, totalCount: response.int('TotalCount') };
}

export interface CiErrorFields {
  code: string;
  message: string;
  requestId: string | null;
  resource: string | null;
}

/** CI's `<Error>` document, or null when the body is not one. */
export function parseErrorXml(xml: string): CiErrorFields | null {
  let doc: Record<string, XmlTree>;
  try {
    doc = parseCiXml(xml);
  } catch {
    return null;
  }
  const error = new XmlReader(doc).child('Error');
  const code = error?.str('Code');
  if (!error || !code) return null;
  return {
    code,
    message: error.text('Message') ?? '',
    requestId: error.str('RequestId'),
    resource: error.str('Resource'),
  };
}
