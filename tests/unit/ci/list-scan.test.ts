/**
 * The list's own scan of a page (server/ci/list-scan.ts) against the full parser: parseJobsList
 * must give exactly what parseJobsListFull + toListItem give, on every emulator tag's page and on
 * documents made to trip a hand-written reader. Where the scan gives up, the strict way answers:
 * the result must be the same either way, and the scan must take the plain pages itself.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { startEmulator } from '@/emulator';
import { TAGS } from '@/lib/ci/tags';
import { scanListDocument } from '@/server/ci/list-scan';
import { parseJobsList, parseJobsListFull, toListItem } from '@/server/ci/xml';

import { emulatorCiClient } from '../../support/emulator-client';

const full = (xml: string) => {
  const page = parseJobsListFull(xml);
  return { jobs: page.jobs.map(toListItem), nextToken: page.nextToken };
};
/** A page or the error it throws: both ways must agree on which, and on what. */
const outcome = (read: (xml: string) => unknown, xml: string) => {
  try {
    return { value: read(xml) };
  } catch (error) {
    return { error: String(error) };
  }
};
const scans = (xml: string) => scanListDocument(xml, () => false) !== null;

describe('every emulator tag, a 100-job page each way', () => {
  const emulatorPromise = startEmulator({ port: 0 });
  afterAll(async () => (await emulatorPromise).close());

  for (const { code } of TAGS) {
    it(`${code}: the scan reads the page and equals the full parse`, async () => {
      const emulator = await emulatorPromise;
      const client = emulatorCiClient(emulator);
      const path = code === 'PicProcess' ? '/pic_jobs' : '/jobs';
      for (const states of [[], [['states', 'Success']]] as [string, string][][]) {
        const { body } = await client.get(path, [['tag', code], ['size', '100'], ...states]);
        expect(scans(body)).toBe(true);
        const page = parseJobsList(body);
        expect(page).toEqual(full(body));
        // The page's bytes also go through JSON unchanged: no prototype or undefined surprises.
        expect(JSON.parse(JSON.stringify(page))).toEqual(page);
      }
    });
  }
});

const job = (inner: string, id = 'j1') =>
  `<JobsDetail><JobId>${id}</JobId><Tag>Transcode</Tag><State>Success</State>${inner}</JobsDetail>`;
const page = (...jobs: string[]) => `<Response>${jobs.join('')}<NextToken>t&amp;1</NextToken></Response>`;

const TRICKY: Record<string, string> = {
  'the five entities, and &amp; before a name': page(
    job('<Message>a &lt;b&gt; &quot;c&quot; &apos;d&apos; &amp;lt; &amp;amp;</Message>'),
  ),
  'a character reference': page(job('<Message>caf&#233; &#x41;</Message>')),
  'an unknown entity': page(job('<Message>a &nbsp; b</Message>')),
  'a bare ampersand': page(job('<Message>fish & chips</Message>')),
  'CDATA in a head field': page(job('<Message><![CDATA[<b>bold</b> & more]]></Message>')),
  'CDATA inside the Operation': page(job('<Operation><UserData><![CDATA[</Operation>]]></UserData></Operation>')),
  'a comment between fields': page(job('<!-- note --><Code>Success</Code>')),
  'a comment inside the Operation': page(
    job('<Operation><!-- <Output> --><Output><Bucket>b</Bucket></Output></Operation>'),
  ),
  'empty and self-closing elements': page(
    job('<Message/><SubTag></SubTag><Code> </Code><Input/><Operation><Output/></Operation>'),
  ),
  'attributes on elements': page(job('<Message lang="en">hi</Message><Input a=\'1\'><Object>o</Object></Input>')),
  'an attribute holding a >': page(job('<Message note="a>b">hi</Message>')),
  'unknown elements and nesting kept in extra': page(
    job('<Future><A>1</A><A>2</A><B><C>deep</C></B></Future><Future>again</Future><Empty/>'),
  ),
  'repeated workflows and cos headers': page(
    job(
      '<Workflow><Name>n1</Name><RunId>r1</RunId></Workflow><Workflow><Name>n2</Name></Workflow>' +
        '<Input><Object>o</Object><CosHeaders><Key>k</Key><Value> v </Value></CosHeaders></Input>',
    ),
  ),
  'text mixed with elements': page(job('<Input>loose <Object>o</Object> text</Input>')),
  'whitespace and newlines between elements': `\n<Response>\n  ${job('\n  <Message>\n  two\n  lines  \n</Message>\n')}\n  <NextToken/>\n</Response>\n`,
  'an XML declaration first': `<?xml version="1.0" encoding="UTF-8"?>\n${page(job(''))}`,
  'a processing instruction inside': page(job('<?pi data?><Code>x</Code>')),
  'an Output outside the Operation, and a nested Output inside it': page(
    job(
      '<Output><Bucket>wrong</Bucket></Output><Operation><MediaResult><Output><Bucket>nested</Bucket></Output>' +
        '</MediaResult><Output><Bucket>b</Bucket><Region>r</Region><Object>a &amp; b.mp4</Object></Output>' +
        '<Output><Bucket>second</Bucket></Output></Operation>',
    ),
  ),
  'two Operations in one job': page(
    job(
      '<Operation><Output><Bucket>first</Bucket></Output></Operation><Operation><Output><Bucket>second</Bucket></Output></Operation>',
    ),
  ),
  'an empty Operation before a full one': page(
    job('<Operation/><Operation><Output><Bucket>b</Bucket></Output></Operation>'),
  ),
  'Windows line ends and tabs': page(job('\r\n\t<Message>\r\n a\r\n b \t</Message>\r\n')).replace(/></g, '>\r\n<'),
  'an element named Operation nested in the Operation': page(
    job(
      '<Operation><Operation><Output><Bucket>inner</Bucket></Output></Operation><Output><Bucket>b</Bucket></Output></Operation>',
    ),
  ),
  'a job without an ID between two': page(job(''), '<JobsDetail><Tag>Transcode</Tag></JobsDetail>', job('', 'j2')),
  'a single JobsDetail and an empty one': page(job(''), '<JobsDetail/>'),
  'namespaced and dotted names': page(job('<x:Note>n</x:Note><a.b>c</a.b><_u>v</_u>')),
  'object-prototype names': page(job('<toString>t</toString><hasOwnProperty>h</hasOwnProperty><valueOf/>')),
  'a __proto__ element': page(job('<__proto__><polluted>yes</polluted></__proto__>')),
  'a space before the self-closing slash': page(job('<Message />')),
  'a name starting with a digit or a dash': page(job('<1st>a</1st><-x>b</-x>')),
  'text after the last child only': page(job('<Input><Object>o</Object> tail</Input>')),
  'a non-breaking space between elements': page(job('<Input>\u00a0<Object>o</Object></Input>')),
  'a whitespace-padded closing tag': page(job('<Code>c</Code >')),
  'nesting deeper than the parser allows': page(job(`${'<a>'.repeat(120)}${'</a>'.repeat(120)}`)),
  'nesting as deep as it allows': page(job(`${'<a>'.repeat(90)}x${'</a>'.repeat(90)}`)),
  'deep nesting inside the Operation': page(job(`<Operation>${'<a>'.repeat(120)}${'</a>'.repeat(120)}</Operation>`)),
  'a Response with fields lifted out of JobsDetail': `<Response>${job('')}<JobId>stray</JobId></Response>`,
};

describe('tricky documents: the same answer as the full parse', () => {
  for (const [name, xml] of Object.entries(TRICKY)) {
    it(name, () => {
      expect(outcome(parseJobsList, xml)).toEqual(outcome(full, xml));
    });
  }

  it('reads the plain ones itself, and leaves the rest to the parser', () => {
    for (const name of [
      'the five entities, and &amp; before a name',
      'empty and self-closing elements',
      'unknown elements and nesting kept in extra',
      'an XML declaration first',
      'whitespace and newlines between elements',
    ])
      expect(scans(TRICKY[name]!), name).toBe(true);
    for (const name of [
      'a character reference',
      'CDATA in a head field',
      'CDATA inside the Operation',
      'a comment between fields',
      'attributes on elements',
      'text mixed with elements',
      'a __proto__ element',
      'object-prototype names',
      'a processing instruction inside',
    ])
      expect(scans(TRICKY[name]!), name).toBe(false);
  });
});

describe('documents that are not a well-formed list page: the scan gives up', () => {
  const broken: Record<string, string> = {
    truncated: page(job('')).slice(0, -12),
    'a mismatched closing tag': '<Response><JobsDetail><JobId>j</State></JobsDetail></Response>',
    'an unclosed Operation': '<Response><JobsDetail><JobId>j</JobId><Operation><Output></JobsDetail></Response>',
    'two roots': '<Response></Response><Response></Response>',
    'text after the root': `${page(job(''))} trailing`,
    'an error document': '<Error><Code>AccessDenied</Code><Message>no</Message></Error>',
  };
  for (const [name, xml] of Object.entries(broken))
    it(name, () => expect(scanListDocument(xml, () => false)).toBeNull());
});
