import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EffectProblem, EffectToggles } from '@/components/controls/EffectToggles';
import { RecordButton } from '@/components/controls/RecordButton';
import { RecordingIndicator } from '@/components/stage/RecordingIndicator';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

describe('effect toggles', () => {
  it('noise suppression and blur: aria-pressed follows the store, clicks go to the session', async () => {
    const user = userEvent.setup();
    const { store, session } = renderInRoom(<EffectToggles />);
    act(() =>
      store
        .getState()
        .setEffects({ noiseSuppression: true, blur: false, loading: false, problem: null }),
    );
    const noise = screen.getByTestId('toggle-noise-suppression');
    const blur = screen.getByTestId('toggle-blur');
    expect(noise).toHaveAttribute('aria-pressed', 'true');
    expect(noise).toHaveAccessibleName('Turn off noise suppression');
    expect(blur).toHaveAttribute('aria-pressed', 'false');
    expect(blur).toHaveAccessibleName('Blur your background');
    await user.click(blur);
    expect(session.toggleBlur).toHaveBeenCalledOnce();
    expect(blur).toHaveAttribute('aria-pressed', 'true');
    await user.click(noise);
    expect(session.toggleNoiseSuppression).toHaveBeenCalledOnce();
    expect(noise).toHaveAttribute('aria-pressed', 'false');
  });

  it('says why an effect turned itself off', () => {
    const { store } = renderInRoom(<EffectProblem />);
    expect(screen.queryByTestId('effect-problem')).toBeNull();
    act(() =>
      store.getState().setEffects({
        noiseSuppression: true,
        blur: false,
        loading: false,
        problem: 'Background blur is off: this device is too slow for it.',
      }),
    );
    expect(screen.getByTestId('effect-problem')).toHaveTextContent(/too slow/);
  });
});

describe('recording', () => {
  it('record toggles through the session; aria-pressed is on while recording', async () => {
    const user = userEvent.setup();
    const { session } = renderInRoom(<RecordButton />);
    const record = screen.getByTestId('record');
    expect(record).toHaveAttribute('aria-pressed', 'false');
    await user.click(record);
    expect(session.toggleRecording).toHaveBeenCalledOnce();
    expect(record).toHaveAttribute('aria-pressed', 'true');
    expect(record).toHaveAccessibleName('Stop recording and save');
  });

  it('the indicator names who records: you, others from their media state, and goes when nobody does', () => {
    const { store } = renderInRoom(<RecordingIndicator />);
    expect(screen.queryByTestId('recording-indicator')).toBeNull();
    const ada = peer('Ada', { recording: true });
    act(() => {
      store.getState().addParticipant(ada);
      store.getState().addParticipant(peer('Bo'));
    });
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent(
      'Ada is recording this call',
    );
    act(() => store.getState().setRecording({ on: true }));
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent(
      'You and Ada are recording this call',
    );
    act(() => {
      store.getState().setRecording({ on: false });
      store.getState().setParticipantMedia(ada.id, { ...ada.media, recording: false });
    });
    expect(screen.queryByTestId('recording-indicator')).toBeNull();
  });
});
