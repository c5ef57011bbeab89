/** Pure helpers over SDP text. */

export interface MediaSection {
  kind: string;
  mid: string | null;
}

/** The m= sections of an SDP blob in order, with their kind and mid. */
export function mediaSections(sdp: string): MediaSection[] {
  const sections: MediaSection[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      sections.push({ kind: line.slice(2).split(' ')[0] ?? '', mid: null });
    } else if (line.startsWith('a=mid:') && sections.length > 0) {
      sections[sections.length - 1].mid = line.slice('a=mid:'.length).trim();
    }
  }
  return sections;
}

/**
 * The mids of the camera's audio and video: by Parley's convention, the first
 * audio and the first video section of a connection's first offer.
 */
export function cameraMids(sdp: string): { audio: string | null; video: string | null } {
  const sections = mediaSections(sdp);
  return {
    audio: sections.find((s) => s.kind === 'audio')?.mid ?? null,
    video: sections.find((s) => s.kind === 'video')?.mid ?? null,
  };
}

/**
 * Whether the SDP's author takes trickled candidates (RFC 8840: an
 * `a=ice-options` line naming `trickle`, at session or media level). A client
 * without it (e.g. one that puts every candidate in its offer) must get every
 * candidate of ours inside our answer.
 */
export function offersTrickle(sdp: string): boolean {
  return sdp
    .split(/\r?\n/)
    .some(
      (line) => line.startsWith('a=ice-options:') && /(^|\s)trickle(\s|$)/.test(line.slice(14)),
    );
}

/**
 * Whether to answer with every candidate inside the SDP instead of trickling:
 * the offer carries its own candidates and does not say it takes trickled ones.
 */
export function wantsCandidatesInAnswer(offerSdp: string): boolean {
  return !offersTrickle(offerSdp) && /^a=candidate:/m.test(offerSdp);
}

/** What an offer lacks for a Parley call, or null: a camera/mic needs an audio or a video section. */
export function missingMedia(sdp: string): string | null {
  const kinds = new Set(mediaSections(sdp).map((s) => s.kind));
  return kinds.has('audio') || kinds.has('video')
    ? null
    : 'Their app offered no audio or video, so there is nothing to show.';
}
