'use client';

const button =
  'rounded-full px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';

/**
 * Removing someone from an open room (not locked, no waiting room): they could
 * come straight back by the link, so say it and offer to lock in the same step.
 */
export function RemoveConfirm({
  name,
  onRemove,
  onCancel,
}: {
  name: string;
  onRemove: (lock: boolean) => void;
  onCancel: () => void;
}) {
  return (
    <div data-testid="remove-confirm" className="flex flex-col gap-2 p-2 text-sm">
      <p>
        Remove {name}? The meeting is not locked and has no waiting room: they could rejoin with the
        link.
      </p>
      <div className="flex flex-wrap gap-1">
        <button
          type="button"
          data-testid="remove-and-lock"
          onClick={() => onRemove(true)}
          className={`${button} bg-meet-danger text-white hover:bg-red-500`}
        >
          Remove and lock
        </button>
        <button
          type="button"
          data-testid="confirm-remove"
          onClick={() => onRemove(false)}
          className={`${button} border border-neutral-500 hover:bg-white/10`}
        >
          Remove
        </button>
        <button type="button" onClick={onCancel} className={`${button} hover:bg-white/10`}>
          Cancel
        </button>
      </div>
    </div>
  );
}
