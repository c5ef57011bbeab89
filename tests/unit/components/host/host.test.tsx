// Host controls in the UI: what hosts see and click, what everyone sees, and the lobby's gate.
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KnockList } from '@/components/host/KnockList';
import { HostToolbar } from '@/components/host/HostToolbar';
import { PersonActions } from '@/components/host/PersonActions';
import { LobbyGate } from '@/components/lobby/LobbyGate';
import { LeftScreen } from '@/components/room/LeftScreen';
import { ParticipantsPanel } from '@/components/panels/ParticipantsPanel';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';
import type { RoomStore } from '@/lib/store';

const ME = 'me-000000001';

function asHost(store: RoomStore, extra: { locked?: boolean; waitingRoom?: boolean } = {}) {
  act(() => {
    store.getState().setSelf(ME, 'Hana');
    store.getState().setRoomControl({
      hosts: [ME],
      locked: false,
      waitingRoom: false,
      passcodeRequired: false,
      ...extra,
    });
  });
}

describe('host controls', () => {
  it('shows nothing to people who are not hosts', () => {
    const { store } = renderInRoom(<HostToolbar />);
    act(() => store.getState().setSelf(ME, 'Gus'));
    expect(screen.queryByTestId('lock-room')).toBeNull();
  });

  it('lock and waiting room are toggles with aria-pressed; end-meeting ends for all', () => {
    const { store, session } = renderInRoom(<HostToolbar />);
    asHost(store, { locked: true });
    expect(screen.getByTestId('lock-room')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('waiting-room-toggle')).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByTestId('lock-room'));
    expect(session.setRoomLocked).toHaveBeenCalledWith(false);
    fireEvent.click(screen.getByTestId('waiting-room-toggle'));
    expect(session.setWaitingRoom).toHaveBeenCalledWith(true);
    fireEvent.click(screen.getByTestId('mute-all'));
    expect(session.askToMute).toHaveBeenCalledWith();
    fireEvent.change(screen.getByTestId('passcode-input'), { target: { value: ' 1234 ' } });
    fireEvent.click(screen.getByTestId('set-passcode'));
    expect(session.setPasscode).toHaveBeenCalledWith('1234');
    fireEvent.click(screen.getByTestId('end-meeting'));
    expect(session.endMeeting).toHaveBeenCalled();
  });

  it('lists knocks with admit and deny, one or all', () => {
    const { store, session } = renderInRoom(<KnockList />);
    act(() =>
      store.getState().setKnocks([
        { id: 'knock-aaaaaaaa', displayName: 'Kim', at: 1 },
        { id: 'knock-bbbbbbbb', displayName: '<b>Lou</b>', at: 2 },
      ]),
    );
    expect(screen.getByTestId('knock-list')).toHaveTextContent('<b>Lou</b>');
    fireEvent.click(screen.getAllByTestId('admit')[0]);
    expect(session.admit).toHaveBeenCalledWith('knock-aaaaaaaa');
    fireEvent.click(screen.getAllByTestId('deny')[1]);
    expect(session.deny).toHaveBeenCalledWith('knock-bbbbbbbb');
    fireEvent.click(screen.getByTestId('admit-all'));
    expect(session.admit).toHaveBeenLastCalledWith();
  });

  it('in an open room, removing says they could rejoin and offers remove-and-lock', () => {
    const bob = peer('Bob', { mic: true, camera: true });
    const { store, session } = renderInRoom(<PersonActions id={bob.id} name="Bob" />);
    asHost(store);
    act(() => store.getState().addParticipant(bob));
    fireEvent.click(screen.getByTestId('person-actions'));
    fireEvent.click(screen.getByTestId('remove-participant'));
    expect(screen.getByTestId('remove-confirm')).toHaveTextContent('could rejoin with the link');
    fireEvent.click(screen.getByTestId('remove-and-lock'));
    expect(session.removeParticipant).toHaveBeenCalledWith(bob.id, true);
  });

  it('in a locked room, removes at once; asks to mute and to turn the camera off', () => {
    const bob = peer('Bob', { mic: true, camera: true });
    const { store, session } = renderInRoom(<PersonActions id={bob.id} name="Bob" />);
    asHost(store, { locked: true });
    act(() => store.getState().addParticipant(bob));
    fireEvent.click(screen.getByTestId('person-actions'));
    fireEvent.click(screen.getByTestId('ask-mute'));
    expect(session.askToMute).toHaveBeenCalledWith(bob.id);
    fireEvent.click(screen.getByTestId('person-actions'));
    fireEvent.click(screen.getByTestId('ask-camera-off'));
    expect(session.askCameraOff).toHaveBeenCalledWith(bob.id);
    fireEvent.click(screen.getByTestId('person-actions'));
    fireEvent.click(screen.getByTestId('remove-participant'));
    expect(session.removeParticipant).toHaveBeenCalledWith(bob.id);
  });

  it('marks hosts in the People panel, you included', () => {
    const bob = peer('Bob');
    const { store } = renderInRoom(<ParticipantsPanel />);
    act(() => {
      store.getState().addParticipant(bob);
      store.getState().setSelf(ME, 'Hana');
      store.getState().setRoomControl({
        hosts: [ME, bob.id],
        locked: false,
        waitingRoom: false,
        passcodeRequired: false,
      });
    });
    expect(screen.getAllByTestId('host-badge')).toHaveLength(2);
  });
});

describe('lobby gate and the left screen', () => {
  it('says what a knocking or refused person is told, and asks for a passcode', () => {
    let typed = '';
    const { store } = renderInRoom(<LobbyGate passcode="" onPasscode={(v) => (typed = v)} />);
    act(() => store.getState().setLobbyStatus('knocking'));
    expect(screen.getByTestId('lobby-status')).toHaveTextContent('Asking to join…');
    act(() => store.getState().setLobbyStatus('denied'));
    expect(screen.getByTestId('lobby-status')).toHaveTextContent('You were not let in');
    act(() => store.getState().setLobbyStatus('locked'));
    expect(screen.getByTestId('lobby-status')).toHaveTextContent('This meeting is locked');
    expect(screen.queryByTestId('room-passcode')).toBeNull();
    act(() => store.getState().setLobbyStatus('passcode'));
    fireEvent.change(screen.getByTestId('room-passcode'), { target: { value: '42' } });
    expect(typed).toBe('42');
  });

  it('tells a removed person and everyone when the host ended the meeting', () => {
    const { rerender } = renderInRoom(<LeftScreen onRejoin={() => {}} reason="removed" />);
    expect(screen.getByRole('heading')).toHaveTextContent('You were removed from the meeting');
    rerender(<LeftScreen onRejoin={() => {}} reason="ended" />);
    expect(screen.getByRole('heading')).toHaveTextContent('The host ended the meeting');
  });
});
