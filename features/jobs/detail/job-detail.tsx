'use client';

/**
 * The job detail frame: summary, input/output, the family's own panel (from the registry), the
 * operation, media info and result, anything uninterpreted, and the raw JSON/XML.
 */
import type { Job } from '@/lib/ci/types';

import { ExtrasSection } from './extras-section';
import { InputMediaInfo } from './input-media-info';
import { IoSection } from './io-section';
import { MediaInfoSection } from './media-info-section';
import { MediaResultSection } from './media-result-section';
import { MEDIA_INFO_TAG, mediaInfoTitle } from './media-summary';
import { OperationSection } from './operation-section';
import { FamilyPanel } from './panels/registry';
import { RawSection } from './raw-section';
import { SummarySection } from './summary-section';

export function JobDetail({ job, xml }: { job: Job; xml: string | null }) {
  const operation = job.operation;
  return (
    <article aria-label={`Job ${job.jobId}`} data-testid="job-detail" data-tag={job.tag}>
      <SummarySection job={job} />
      <IoSection job={job} />
      {operation && <FamilyPanel job={job} operation={operation} />}
      {operation && <OperationSection operation={operation} />}
      {operation?.mediaInfo && (
        <MediaInfoSection
          info={operation.mediaInfo}
          title={mediaInfoTitle(job.tag)}
          lead={
            // A job that wrote media: its input's info is a MediaInfo job's result.
            job.tag !== MEDIA_INFO_TAG && job.input?.object ? (
              <InputMediaInfo inputObject={job.input.object} output={operation.mediaInfo} />
            ) : undefined
          }
        />
      )}
      {operation?.mediaResult && <MediaResultSection result={operation.mediaResult} />}
      <ExtrasSection job={job} />
      <RawSection job={job} xml={xml} />
    </article>
  );
}
