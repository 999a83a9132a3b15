/**
 * What a job's failure code means and what an operator can do about it, for failure triage.
 * Built from ci-api-reference.md §4 (CI's error codes) and the job-level codes CI reports in
 * JobsDetail/Code. Browser-safe: shared by the triage view and the support summary.
 */
export interface FailureExplanation {
  code: string;
  meaning: string;
  action: string;
  /** Whether running the same job again may succeed without changing anything. */
  retryable: boolean;
}

const CATALOG: Record<string, Omit<FailureExplanation, 'code'>> = {
  ResourceNotFound: {
    meaning: 'The input object does not exist (wrong key, wrong bucket, or deleted before the job ran).',
    action: 'Check the input object key and bucket; CI matches object keys exactly, including case and spaces.',
    retryable: false,
  },
  InvalidInput: {
    meaning:
      'The input could not be used for this job: missing stream, unsupported format, or over a size/duration limit.',
    action: 'Inspect the input with a MediaInfo job; fix or re-encode the source, or pick a template that fits it.',
    retryable: false,
  },
  ResourceDownloadFailed: {
    meaning: 'CI could not download the input (network failure or timeout reading the object).',
    action: 'Usually transient: resubmit. If it repeats, check the object is readable and not archived (cold storage).',
    retryable: true,
  },
  ResourceAccessDenied: {
    meaning: 'CI has no permission on a referenced resource (input, output bucket or template).',
    action: 'Grant the CI service role access to the buckets involved; check bucket policies and ACLs.',
    retryable: false,
  },
  ResourceUploadFailed: {
    meaning: 'CI could not write the output (destination bucket missing or not writable).',
    action: 'Check the output bucket and region exist and that the CI service role may write there.',
    retryable: false,
  },
  CIRoleNotExist: {
    meaning: 'The service role CI_QCSRole does not exist, so CI cannot act on your buckets.',
    action: 'Authorize Cloud Infinite in the console (it creates CI_QCSRole), then resubmit.',
    retryable: false,
  },
  InvalidArgument: {
    meaning: 'A parameter of the job was invalid (e.g. a template that does not exist, an unsupported option).',
    action: 'Read the message for the parameter; fix the template or the job request and resubmit.',
    retryable: false,
  },
  TranscodeFailed: {
    meaning: 'Decoding or encoding failed part-way (a corrupt input, or output settings the codec cannot meet).',
    action: 'Check the input plays to the end; try a template with a lower resolution or another codec.',
    retryable: false,
  },
  AsrFailed: {
    meaning: 'Speech recognition could not process the audio (unsupported sample rate, channels or language).',
    action: 'Re-encode the audio to a supported rate (e.g. 16 kHz) or choose the engine model that matches it.',
    retryable: false,
  },
  InternalError: {
    meaning: 'CI hit an internal error.',
    action: 'Resubmit; if it repeats, contact support with the job ID and RequestId (copy the support summary).',
    retryable: true,
  },
  ServiceUnavailable: {
    meaning: 'CI was temporarily unavailable.',
    action: 'Resubmit later.',
    retryable: true,
  },
};

export function explainFailure(code: string | null | undefined): FailureExplanation {
  const key = code ?? '';
  const known = CATALOG[key];
  return known
    ? { code: key, ...known }
    : {
        code: key || 'Unknown',
        meaning: 'A failure code this dashboard has no explanation for yet.',
        action: 'Read the message; if it is unclear, contact support with the job ID and RequestId.',
        retryable: false,
      };
}

export const KNOWN_FAILURE_CODES = Object.keys(CATALOG);
