import { iceGathered } from '@/lib/webrtc/iceGathering';
import type { SessionDescription, SfuSource } from '@/lib/protocol';
import type { SfuSignaling } from '@/lib/signaling/sfuSignaling';

/** Janus takes descriptions with their candidates in (no trickle): wait this long for gathering. */
export const GATHER_MS = 3_000;

/** What a publication needs of the call: the relay, and how to make a connection. */
export interface PublishOptions {
  sfu: Pick<SfuSignaling, 'publish'>;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

/** Our local description of `type`, as the relay sends it. */
export function described<T extends 'offer' | 'answer'>(pc: RTCPeerConnection, type: T) {
  const local = pc.localDescription;
  if (!local || local.type !== type) throw new Error(`no local ${type}`);
  return { type, sdp: local.sdp } as SessionDescription<T>;
}

/** One of our streams published to the SFU: its own sendonly connection (audio + video). */
export class Publication {
  private constructor(
    readonly pc: RTCPeerConnection,
    private readonly audio: RTCRtpTransceiver,
    private readonly video: RTCRtpTransceiver,
  ) {}

  static async open(
    options: PublishOptions,
    source: SfuSource,
    tracks: [MediaStreamTrack | null, MediaStreamTrack | null],
    rtcConfig: RTCConfiguration,
  ): Promise<Publication> {
    const pc = options.createConnection?.(rtcConfig) ?? new RTCPeerConnection(rtcConfig);
    try {
      const audio = pc.addTransceiver(tracks[0] ?? 'audio', { direction: 'sendonly' });
      const video = pc.addTransceiver(tracks[1] ?? 'video', { direction: 'sendonly' });
      if (source === 'screen' && tracks[1]) tracks[1].contentHint ||= 'detail';
      await pc.setLocalDescription();
      await iceGathered(pc, GATHER_MS);
      const answer = await options.sfu.publish(source, described(pc, 'offer'));
      await pc.setRemoteDescription(answer);
      return new Publication(pc, audio, video);
    } catch (err) {
      pc.close();
      throw err;
    }
  }

  /** Frames of video sent so far, or null when no live video track is being sent. */
  async videoFramesSent(): Promise<number | null> {
    const track = this.video.sender.track;
    if (!track || track.readyState !== 'live' || !track.enabled) return null;
    let frames: number | null = null;
    (await this.video.sender.getStats()).forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'outbound-rtp') frames = (frames ?? 0) + Number(stat.framesSent ?? 0);
    });
    return frames;
  }

  setTracks(audio: MediaStreamTrack | null, video: MediaStreamTrack | null): void {
    if (this.audio.sender.track !== audio)
      void this.audio.sender.replaceTrack(audio).catch(() => {});
    if (this.video.sender.track !== video)
      void this.video.sender.replaceTrack(video).catch(() => {});
  }

  close(): void {
    this.pc.close();
  }
}
