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
 * A list page, read for the list: each job's Operation is skipped by the parser (stopNodes) but for
 * its Output, so a 100-job page with full MediaInfo costs a fraction of a whole parse. Anything that
 * does not look exactly like a well-formed list — a truncated body, a stray tag lifting fields out
 * of JobsDetail — goes the strict way instead: validate, repair, parse everything.
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

const listParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
  stopNodes: ['Response.JobsDetail.Operation'],
});

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;

/**
 * Whether the tags outside each Operation pair up: the part the list reads. The parser does not
 * validate, and a stray or unclosed tag there would silently move fields; the Operation inside is
 * checked when a job is opened (GET /jobs/<id> is read strictly).
 */
function headsBalanced(body: string): boolean {
  const parts: string[] = [];
  let pos = 0;
  for (;;) {
    const open = body.indexOf('<Operation>', pos);
    if (open < 0) break;
    const close = body.indexOf('</Operation>', open);
    if (close < 0) return false;
    parts.push(body.slice(pos, open));
    pos = close + '</Operation>'.length;
  }
  parts.push(body.slice(pos));
  const stack: string[] = [];
  for (const m of parts.join('').matchAll(TAG)) {
    const [, slash, name, selfClosing] = m;
    if (name === undefined || selfClosing) continue;
    if (!slash) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

function parseListFast(xml: string): JobPage | null {
  const body = xml.trim();
  if (!body.startsWith('<') || !body.endsWith('</Response>') || !headsBalanced(body)) return null;
  let doc: Record<string, XmlTree>;
  try {
    doc = listParser.parse(body) as Record<string, XmlTree>;
  } catch {
    return null;
  }
  const root = new XmlReader(doc);
  if (root.names().length !== 1 || !root.has('Response')) return null;
  const response = root.child('Response') ?? new XmlReader({});
  // Fields lifted into Response, or a count that does not add up, mean the tags did not pair up.
  if (response.has('JobId') || response.has('State')) return null;
  const details = response.children('JobsDetail');
  const opened = count(body, '<JobsDetail>');
  if (opened !== count(body, '</JobsDetail>') || opened !== details.length) return null;
  const jobs: JobListItem[] = [];
  for (const d of details) {
    const operation = d.tree('Operation');
    const head = readJobHead(d);
    if (!head) return null;
    jobs.push({ ...head, output: typeof operation === 'string' ? outputOf(operation) : null });
  }
  return { jobs, nextToken: response.str('NextToken') };
}

/** The Output of a raw Operation fragment, found and parsed on its own. */
function outputOf(operation: string): JobListItem['output'] {
  const start = operation.indexOf('<Output>');
  const end = operation.indexOf('</Output>', start);
  if (start < 0 || end < 0) return null;
  const o = new XmlReader(
    guarded(() => parser.parse(operation.slice(start, end + '</Output>'.length)) as Record<string, XmlTree>),
  ).child('Output');
  return o ? { bucket: o.str('Bucket'), region: o.str('Region'), object: o.str('Object') } : null;
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
