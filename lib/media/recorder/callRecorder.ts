import { AudioMix } from './audioMix';
import { StageCompositor, type StageTile } from './stageCompositor';

export interface RecordingSources {
  tiles(): StageTile[];
  audio(): MediaStreamTrack[];
}

const TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export function recordingSupported(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'captureStream' in HTMLCanvasElement.prototype
  );
}

/**
 * A local recording of the call: the stage composited on a canvas plus
 * everyone's sound mixed, encoded to WebM by MediaRecorder. stop() resolves
 * with the file.
 */
export class CallRecorder {
  private readonly compositor: StageCompositor;
  private readonly mix = new AudioMix();
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly audioTimer: ReturnType<typeof setInterval>;
  private readonly done: Promise<Blob>;
  readonly startedAt = Date.now();

  constructor(sources: RecordingSources) {
    this.compositor = new StageCompositor(() => sources.tiles());
    const video = this.compositor.start();
    this.mix.update(sources.audio());
    this.audioTimer = setInterval(() => this.mix.update(sources.audio()), 500);
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
    this.recorder = new MediaRecorder(new MediaStream([video, this.mix.track]), {
      ...(mimeType ? { mimeType } : {}),
      videoBitsPerSecond: 2_500_000,
    });
    this.done = new Promise((resolve) => {
      this.recorder.addEventListener('dataavailable', (e) => {
        if (e.data.size > 0) this.chunks.push(e.data);
      });
      this.recorder.addEventListener('stop', () => {
        video.stop();
        resolve(new Blob(this.chunks, { type: 'video/webm' }));
      });
    });
    this.recorder.start(1000);
  }

  get recording(): boolean {
    return this.recorder.state !== 'inactive';
  }

  async stop(): Promise<Blob> {
    clearInterval(this.audioTimer);
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    const blob = await this.done;
    this.compositor.stop();
    this.mix.close();
    return blob;
  }
}

/** Saves a file the way a download link does. */
export function saveFile(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
