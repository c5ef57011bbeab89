import { audioSources } from '@/lib/media/audioSources';
import type { CallRecorder } from '@/lib/media/recorder/callRecorder';
import type { StageTile } from '@/lib/media/recorder/stageCompositor';
import { selectParticipantList, type RoomStore } from '@/lib/store';

/**
 * "Record": this person's local recording of the call, from the store's view
 * of it (the tiles people see, everyone's sound). Stopping saves the WebM;
 * leaving stops it and keeps the file in the store, offered on the left screen.
 */
export class Recording {
  private recorder: CallRecorder | null = null;
  private starting = false;
  private selfStream: MediaStream | null = null;

  constructor(
    private readonly store: RoomStore,
    private readonly roomId: string,
    /** Called when recording starts or stops, so the others are told. */
    private readonly changed: () => void,
  ) {}

  get on(): boolean {
    return this.recorder !== null;
  }

  async toggle(): Promise<void> {
    if (this.recorder) await this.stop(true);
    else await this.start();
  }

  /** The recorder's code (canvas compositing, mixing) is loaded on first use. */
  async start(): Promise<void> {
    if (this.recorder || this.starting) return;
    this.starting = true;
    try {
      const { CallRecorder, recordingSupported } =
        await import('@/lib/media/recorder/callRecorder');
      const state = this.store.getState();
      if (!recordingSupported()) {
        state.setRecording({ problem: 'This browser cannot record the call.' });
        return;
      }
      const previous = state.recording.file;
      if (previous) URL.revokeObjectURL(previous.url);
      this.recorder = new CallRecorder({ tiles: () => this.tiles(), audio: () => this.audio() });
      state.setRecording({ on: true, file: null, problem: null });
      this.changed();
    } finally {
      this.starting = false;
    }
  }

  /** Stops and keeps the file in the store; `download` also saves it at once. */
  async stop(download: boolean): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    this.recorder = null;
    this.store.getState().setRecording({ on: false });
    this.changed();
    const blob = await recorder.stop();
    const stamp = new Date(recorder.startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const file = { url: URL.createObjectURL(blob), name: `parley-${this.roomId}-${stamp}.webm` };
    this.store.getState().setRecording({ file });
    if (download) {
      const { saveFile } = await import('@/lib/media/recorder/callRecorder');
      saveFile(file.url, file.name);
    }
  }

  private tiles(): StageTile[] {
    const state = this.store.getState();
    const camera = state.local.camera;
    if (this.selfStream?.getVideoTracks()[0] !== camera)
      this.selfStream = camera ? new MediaStream([camera]) : null;
    const tiles: StageTile[] = [
      {
        key: 'self',
        label: `${state.displayName || 'You'} (you)`,
        stream: this.selfStream,
        fit: 'cover',
      },
    ];
    for (const p of selectParticipantList(state)) {
      tiles.push({
        key: p.id,
        label: p.displayName,
        stream: p.media.camera ? p.camera : null,
        fit: 'cover',
      });
      if (p.screen && p.media.screen)
        tiles.push({
          key: `${p.id}:screen`,
          label: `${p.displayName} (presenting)`,
          stream: p.screen,
          fit: 'contain',
        });
    }
    return tiles;
  }

  private audio(): MediaStreamTrack[] {
    const state = this.store.getState();
    const tracks = audioSources(selectParticipantList(state)).map((s) => s.track);
    if (state.local.mic && state.local.micOn) tracks.push(state.local.mic);
    return tracks;
  }
}
