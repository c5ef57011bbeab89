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
