import type { PublishReport } from '@libs/connector-sdk';

const MAX_LISTED = 50;

/**
 * What an operator reads after a run: how much went where, how fast, and each refused record with
 * its place in the input (`where` turns an input index into "line 12", "row 7"…) and its reason.
 */
export function formatSummary(
  report: PublishReport,
  destination: string,
  where: (index: number) => string,
): string {
  const seconds = report.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(report.sent / seconds) : report.sent;
  const lines = [
    `sent ${report.sent} of ${report.total} events to ${destination} in ${seconds.toFixed(1)} s (${rate} events/s)`,
  ];
  if (report.rejected.length > 0) {
    lines.push(`rejected ${report.rejected.length}:`);
    for (const r of report.rejected.slice(0, MAX_LISTED)) {
      lines.push(`  ${where(r.index)}${r.eventId ? ` ${r.eventId}` : ''}: ${r.reason}`);
    }
    if (report.rejected.length > MAX_LISTED)
      lines.push(`  … and ${report.rejected.length - MAX_LISTED} more`);
  }
  return `${lines.join('\n')}\n`;
}
