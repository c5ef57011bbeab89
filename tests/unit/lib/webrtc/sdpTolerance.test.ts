// SDP helpers that let Parley answer clients other than Chromium: ones that
// do not trickle ICE, and offers with fewer media sections than Parley's own.
import { describe, expect, test } from 'vitest';
import { cameraMids, missingMedia, offersTrickle, wantsCandidatesInAnswer } from '@/lib/webrtc/sdp';

const session = ['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0'];
const audio = ['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:a0', 'a=sendrecv'];
const video = ['m=video 9 UDP/TLS/RTP/SAVPF 96 98', 'a=mid:v1', 'a=sendrecv'];
const data = ['m=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'a=mid:d2'];
const candidate = 'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host';
const sdp = (...lines: string[][]) => [...session, ...lines.flat()].join('\r\n') + '\r\n';

describe('trickle', () => {
  test('a=ice-options:trickle at session or media level means the author takes trickled candidates', () => {
    expect(offersTrickle(sdp(['a=ice-options:trickle'], audio))).toBe(true);
    expect(offersTrickle(sdp(audio, ['a=ice-options:ice2 trickle']))).toBe(true);
    expect(offersTrickle(sdp(audio, ['a=ice-options:ice2']))).toBe(false);
    expect(offersTrickle(sdp(audio))).toBe(false);
  });

  test('an offer with its candidates and no trickle option wants every candidate in the answer', () => {
    expect(wantsCandidatesInAnswer(sdp(audio, [candidate, 'a=end-of-candidates']))).toBe(true);
    expect(wantsCandidatesInAnswer(sdp(['a=ice-options:trickle'], audio, [candidate]))).toBe(false);
    // No candidates at all (Parley's own offers, sent before gathering): trickle as usual.
    expect(wantsCandidatesInAnswer(sdp(audio))).toBe(false);
  });
});

describe('offers with fewer sections', () => {
  test('audio-only, video-only and no-data-channel offers have what a call needs', () => {
    expect(missingMedia(sdp(audio))).toBeNull();
    expect(missingMedia(sdp(video))).toBeNull();
    expect(missingMedia(sdp(audio, video))).toBeNull();
    expect(cameraMids(sdp(audio))).toEqual({ audio: 'a0', video: null });
    expect(cameraMids(sdp(video, data))).toEqual({ audio: null, video: 'v1' });
  });

  test('an offer with no audio and no video names what is missing', () => {
    expect(missingMedia(sdp(data))).toMatch(/no audio or video/);
    expect(missingMedia(sdp())).toMatch(/no audio or video/);
  });
});
