/**
 * Runs once when the server starts. The Node-only part lives in instrumentation-node.ts so the
 * Edge build never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startBackend } = await import('./instrumentation-node');
    await startBackend();
  }
}
