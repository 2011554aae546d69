/** A run status or step state as a coloured pill. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`status-badge state-${status}`} data-testid={testId} data-status={status}>
      <span className="state-dot" />
      {status}
    </span>
  );
}
