// RemoteAudio's sink bookkeeping: one <audio> per remote voice (and per
// screen-share sound), present whatever the camera does, gone when the
// person leaves, on the chosen speaker, and a prompt when autoplay is blocked.
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemoteAudio } from '@/components/stage/RemoteAudio';
import { audioSources } from '@/lib/media/audioSources';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

let trackCount = 0;
const track = (kind: 'audio' | 'video') =>
  ({ kind, id: `${kind}-${++trackCount}` }) as unknown as MediaStreamTrack;

class FakeStream {
  constructor(readonly tracks: MediaStreamTrack[] = []) {}
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}
const stream = (...tracks: MediaStreamTrack[]) => new FakeStream(tracks) as unknown as MediaStream;

let play: ReturnType<typeof vi.fn>;
let setSinkId: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeStream);
  play = vi.fn(() => Promise.resolve());
  setSinkId = vi.fn(() => Promise.resolve());
  Object.defineProperty(HTMLMediaElement.prototype, 'play', { configurable: true, value: play });
  Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', {
    configurable: true,
    value: setSinkId,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId;
});

const audios = () => screen.queryAllByTestId('remote-audio', { exact: true }) as HTMLAudioElement[];
const playedTrack = (audio: HTMLAudioElement) =>
  (audio.srcObject as unknown as FakeStream).getTracks()[0];

function withVoice(name: string, camera = false) {
  const info = peer(name, { camera });
  const voice = track('audio');
  return { info, voice, media: stream(voice, track('video')) };
}

describe('audioSources', () => {
  it('takes each voice from the camera stream and screen sound from the share', () => {
    const voice = track('audio');
    const shared = track('audio');
    expect(
      audioSources([
        { id: 'a', camera: stream(voice, track('video')), screen: stream(track('video'), shared) },
        { id: 'b', camera: null, screen: null },
        { id: 'c', camera: stream(track('video')), screen: stream(track('video')) },
      ]),
    ).toEqual([
      { key: 'a:voice', participantId: 'a', kind: 'voice', track: voice },
      { key: 'a:screen', participantId: 'a', kind: 'screen', track: shared },
    ]);
  });
});

describe('RemoteAudio', () => {
  it('plays a voice whose camera is off, and drops it when the person leaves', () => {
    const { store } = renderInRoom(<RemoteAudio />);
    const bob = withVoice('Bob', false);
    act(() => {
      store.getState().addParticipant(bob.info);
      store.getState().setParticipantStreams(bob.info.id, { camera: bob.media, screen: null });
    });
    expect(audios()).toHaveLength(1);
    const [audio] = audios();
    expect(audio.dataset.participantId).toBe(bob.info.id);
    expect(audio.dataset.kind).toBe('voice');
    expect(playedTrack(audio)).toBe(bob.voice);
    expect(audio.muted).toBe(false);
    expect(play).toHaveBeenCalled();

    act(() => store.getState().removeParticipant(bob.info.id));
    expect(audios()).toHaveLength(0);
  });

  it('keeps the same element while the camera or mic state changes; a new track replays', () => {
    const { store } = renderInRoom(<RemoteAudio />);
    const bob = withVoice('Bob');
    act(() => {
      store.getState().addParticipant(bob.info);
      store.getState().setParticipantStreams(bob.info.id, { camera: bob.media, screen: null });
    });
    const [first] = audios();
    act(() =>
      store
        .getState()
        .setParticipantMedia(bob.info.id, { camera: true, mic: false, screen: false }),
    );
    expect(audios()[0]).toBe(first);
    const plays = play.mock.calls.length;
    const voice = track('audio');
    act(() =>
      store.getState().setParticipantStreams(bob.info.id, {
        camera: stream(voice, track('video')),
        screen: null,
      }),
    );
    expect(audios()[0]).toBe(first);
    expect(playedTrack(first)).toBe(voice);
    expect(play.mock.calls.length).toBe(plays + 1);
  });

  it('plays screen-share sound beside the voice', () => {
    const { store } = renderInRoom(<RemoteAudio />);
    const ann = withVoice('Ann');
    act(() => {
      store.getState().addParticipant(ann.info);
      store.getState().setParticipantStreams(ann.info.id, {
        camera: ann.media,
        screen: stream(track('video'), track('audio')),
      });
    });
    expect(audios().map((a) => a.dataset.kind)).toEqual(['voice', 'screen']);
  });

  it('sends every voice to the chosen speaker, also when it changes', () => {
    const { store } = renderInRoom(<RemoteAudio />);
    const ann = withVoice('Ann');
    const bob = withVoice('Bob');
    act(() => {
      store.getState().setSpeakerId('speaker-2');
      for (const p of [ann, bob]) {
        store.getState().addParticipant(p.info);
        store.getState().setParticipantStreams(p.info.id, { camera: p.media, screen: null });
      }
    });
    expect(setSinkId.mock.calls.map((call) => call[0])).toEqual(['speaker-2', 'speaker-2']);
    setSinkId.mockClear();
    act(() => store.getState().setSpeakerId('speaker-3'));
    expect(setSinkId.mock.calls.map((call) => call[0])).toEqual(['speaker-3', 'speaker-3']);
  });

  it('asks for a click when the browser blocks autoplay, and plays again on it', async () => {
    play.mockImplementation(() =>
      Promise.reject(new DOMException('play() failed', 'NotAllowedError')),
    );
    const { store } = renderInRoom(<RemoteAudio />);
    const bob = withVoice('Bob');
    await act(async () => {
      store.getState().addParticipant(bob.info);
      store.getState().setParticipantStreams(bob.info.id, { camera: bob.media, screen: null });
    });
    const prompt = await screen.findByTestId('enable-sound');
    expect(prompt.textContent).toBe('Click to enable sound');
    play.mockImplementation(() => Promise.resolve());
    const before = play.mock.calls.length;
    await act(async () => fireEvent.click(prompt));
    expect(play.mock.calls.length).toBe(before + 1);
    expect(screen.queryByTestId('enable-sound')).toBeNull();
  });
});
