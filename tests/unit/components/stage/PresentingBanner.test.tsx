import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PresentingBanner } from '@/components/stage/PresentingBanner';
import { emptyLocalMedia } from '@/lib/store';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

describe('PresentingBanner', () => {
  it('shows only while you share, and stops the share from its button', async () => {
    const user = userEvent.setup();
    const { store, session } = renderInRoom(<PresentingBanner />);
    expect(screen.queryByTestId('presenting-banner')).toBeNull();
    act(() => store.getState().setLocal({ ...emptyLocalMedia, screenOn: true }));
    expect(screen.getByTestId('presenting-banner')).toHaveTextContent(
      'You are presenting to everyone',
    );
    await user.click(screen.getByRole('button', { name: 'Stop presenting' }));
    expect(session.toggleScreen).toHaveBeenCalledOnce();
    act(() => store.getState().setLocal({ ...emptyLocalMedia, screenOn: false }));
    expect(screen.queryByTestId('presenting-banner')).toBeNull();
  });
});
