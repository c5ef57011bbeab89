/**
 * Everyone's sound mixed into one track with Web Audio: sources come and go
 * as people join, leave or share a screen with sound (update() with the set).
 */
export class AudioMix {
  private readonly context = new AudioContext();
  private readonly destination = this.context.createMediaStreamDestination();
  private readonly sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();

  get track(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0];
  }

  update(tracks: MediaStreamTrack[]): void {
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    const wanted = new Set(tracks.filter((t) => t.readyState === 'live'));
    for (const [track, source] of this.sources) {
      if (wanted.has(track)) continue;
      source.disconnect();
      this.sources.delete(track);
    }
    for (const track of wanted) {
      if (this.sources.has(track)) continue;
      const source = this.context.createMediaStreamSource(new MediaStream([track]));
      source.connect(this.destination);
      this.sources.set(track, source);
    }
  }

  close(): void {
    for (const source of this.sources.values()) source.disconnect();
    this.sources.clear();
    this.track.stop();
    void this.context.close().catch(() => undefined);
  }
}
