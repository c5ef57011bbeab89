'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { ToggleButton } from '@/components/ui/ToggleButton';
import {
  BlurIcon,
  BlurOffIcon,
  NoiseSuppressionIcon,
  NoiseSuppressionOffIcon,
} from './effectIcons';

/** Noise suppression and background blur toggles: in the lobby preview and the call's controls. */
export function EffectToggles() {
  const session = useRoomSession();
  const noise = useRoomState((s) => s.effects.noiseSuppression);
  const blur = useRoomState((s) => s.effects.blur);
  return (
    <>
      <ToggleButton
        testId="toggle-noise-suppression"
        pressed={noise}
        label={noise ? 'Turn off noise suppression' : 'Turn on noise suppression'}
        onClick={() => session?.toggleNoiseSuppression()}
        disabled={!session}
        problem={null}
        tone="accent-on"
        on={<NoiseSuppressionIcon />}
        off={<NoiseSuppressionOffIcon />}
      />
      <ToggleButton
        testId="toggle-blur"
        pressed={blur}
        label={blur ? 'Turn off background blur' : 'Blur your background'}
        onClick={() => session?.toggleBlur()}
        disabled={!session}
        problem={null}
        tone="accent-on"
        on={<BlurIcon />}
        off={<BlurOffIcon />}
      />
    </>
  );
}

/** What went wrong with an effect (e.g. blur too slow here), or null. */
export function EffectProblem() {
  const problem = useRoomState((s) => s.effects.problem);
  if (!problem) return null;
  return (
    <p
      role="status"
      data-testid="effect-problem"
      className="max-w-md rounded-md bg-black/60 px-3 py-1 text-center text-sm text-amber-200"
    >
      {problem}
    </p>
  );
}
