'use client';

/**
 * "Copy link": the absolute address of the view on screen, filters, window, page and open job
 * included — every view keeps its state in the URL, so the link reopens it for whoever pastes it.
 * Read when clicked, so it is the view as it is then.
 */
import { CopyButton } from '@/components/ui/copy-button';

export function CopyLinkButton() {
  return (
    <CopyButton
      testId="copy-link"
      label="link to this view"
      copiedText="Link copied"
      value={() => window.location.href}
    >
      Copy link
    </CopyButton>
  );
}
