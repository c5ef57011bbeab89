/** Which remote tracks the page plays as sound, one <audio> each (components/RemoteAudio). */

export interface AudioSource {
  /** Stable while the same track plays: `<participant id>:voice` or `:screen`. */
  key: string;
  participantId: string;
  kind: 'voice' | 'screen';
  track: MediaStreamTrack;
}

interface AudioCarrier {
  id: string;
  camera: MediaStream | null;
  screen: MediaStream | null;
}

/**
 * Each participant's microphone (from the camera stream, present even while
 * the camera is off) and screen-share sound, when there is one.
 */
export function audioSources(participants: readonly AudioCarrier[]): AudioSource[] {
  const out: AudioSource[] = [];
  for (const p of participants) {
    const voice = p.camera?.getAudioTracks()[0];
    if (voice) out.push({ key: `${p.id}:voice`, participantId: p.id, kind: 'voice', track: voice });
    const screen = p.screen?.getAudioTracks()[0];
    if (screen)
      out.push({ key: `${p.id}:screen`, participantId: p.id, kind: 'screen', track: screen });
  }
  return out;
}
