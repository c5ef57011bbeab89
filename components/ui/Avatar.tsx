import { initials } from '@/lib/view/layout';

const COLORS = [
  'bg-sky-700',
  'bg-emerald-700',
  'bg-amber-700',
  'bg-rose-700',
  'bg-violet-700',
  'bg-teal-700',
];

function colorFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** Initials in a circle, shown instead of a black box when the camera is off. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const dims =
    size === 'lg'
      ? 'h-24 w-24 text-3xl'
      : size === 'sm'
        ? 'h-10 w-10 text-base'
        : size === 'xs'
          ? 'h-8 w-8 text-sm'
          : 'h-16 w-16 text-2xl';
  return (
    <div
      aria-hidden="true"
      className={`${dims} ${colorFor(name)} flex items-center justify-center rounded-full font-medium text-white select-none`}
    >
      {initials(name)}
    </div>
  );
}
