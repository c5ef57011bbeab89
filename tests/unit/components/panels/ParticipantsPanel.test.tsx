import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ParticipantsPanel } from '@/components/panels/ParticipantsPanel';
import { emptyLocalMedia } from '@/lib/store';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

describe('ParticipantsPanel', () => {
  it('lists you first, then everyone by join order, with mic and camera state', () => {
    const { store } = renderInRoom(<ParticipantsPanel />);
    const bo = peer('Bo', { mic: false, camera: true });
    const xss = peer('<img src=x onerror=alert(1)>', { mic: true, camera: false });
    act(() => {
      store.getState().setSelf('me-12345678', 'Me Myself');
      store.getState().setLocal({ ...emptyLocalMedia, micOn: true });
      store.getState().addParticipant(bo);
      store.getState().addParticipant(xss);
    });
    const rows = screen.getAllByTestId('participant-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Me Myself (You)');
    expect(rows[0]).toHaveAttribute('data-mic', 'on');
    expect(rows[0]).toHaveAttribute('data-camera', 'off');
    expect(rows[1]).toHaveTextContent('Bo');
    expect(within(rows[1]).getByRole('img', { name: 'Bo: microphone off' })).toBeInTheDocument();
    expect(within(rows[1]).getByRole('img', { name: 'Bo: camera on' })).toBeInTheDocument();
    expect(rows[2].textContent).toContain('<img src=x onerror=alert(1)>');
    expect(rows[2].querySelector('img')).toBeNull();
    expect(screen.getByText('In the call (3)')).toBeInTheDocument();
    act(() =>
      store.getState().setParticipantMedia(bo.id, { mic: true, camera: false, screen: false }),
    );
    expect(screen.getAllByTestId('participant-row')[1]).toHaveAttribute('data-mic', 'on');
  });

  it('shows the meeting link with a QR code', () => {
    renderInRoom(<ParticipantsPanel />);
    expect(screen.getByTestId('room-link')).toHaveTextContent(window.location.origin);
    expect(screen.getByRole('img', { name: /QR code/ })).toBeInTheDocument();
  });
});
