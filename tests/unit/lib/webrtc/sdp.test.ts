import { describe, expect, it } from 'vitest';
import { cameraMids, mediaSections } from '@/lib/webrtc/sdp';

/** An offer as Chromium writes it (trimmed): camera audio + video, then a screen share. */
const OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2 3',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:kmG8',
  'a=ice-pwd:Qb2O4bGwUPjXmMz0l6dC4oZq',
  'a=fingerprint:sha-256 3A:1F:0C:9E:58:24:AB:17:70:E1:5C:8B:90:6F:2B:44:91:3D:07:61:AA:5E:C2:8D:19:F4:60:BB:32:7A:0E:D3',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=msid:- 6f1c8d2e-audio',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102',
  'c=IN IP4 0.0.0.0',
  'a=mid:1',
  'a=sendrecv',
  'a=rtpmap:96 VP8/90000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
  'c=IN IP4 0.0.0.0',
  'a=mid:2',
  'a=sendonly',
  'a=rtpmap:96 VP8/90000',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=mid:3',
  'a=sendonly',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

describe('mediaSections', () => {
  it('lists the m= sections in order with their kind and mid', () => {
    expect(mediaSections(OFFER)).toEqual([
      { kind: 'audio', mid: '0' },
      { kind: 'video', mid: '1' },
      { kind: 'video', mid: '2' },
      { kind: 'audio', mid: '3' },
    ]);
  });

  it('reads SDP with bare \\n line endings the same way', () => {
    expect(mediaSections(OFFER.replace(/\r\n/g, '\n'))).toEqual(mediaSections(OFFER));
  });

  it('ignores session-level lines before the first m= section, even an a=mid', () => {
    const sdp = ['v=0', 'a=mid:session', 'm=audio 9 RTP/AVP 0', 'a=mid:a0', ''].join('\r\n');
    expect(mediaSections(sdp)).toEqual([{ kind: 'audio', mid: 'a0' }]);
  });

  it('gives null for a section without a mid, and keeps other kinds', () => {
    const sdp = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=sendrecv',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=mid:data ',
      '',
    ].join('\r\n');
    expect(mediaSections(sdp)).toEqual([
      { kind: 'video', mid: null },
      { kind: 'application', mid: 'data' },
    ]);
  });

  it('gives nothing for SDP without media', () => {
    expect(mediaSections('v=0\r\ns=-\r\nt=0 0\r\n')).toEqual([]);
    expect(mediaSections('')).toEqual([]);
  });
});

describe('cameraMids', () => {
  it("is the first audio and the first video section's mids", () => {
    expect(cameraMids(OFFER)).toEqual({ audio: '0', video: '1' });
  });

  it('does not depend on audio coming first', () => {
    const sdp = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:v',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:screen',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:a',
      '',
    ].join('\n');
    expect(cameraMids(sdp)).toEqual({ audio: 'a', video: 'v' });
  });

  it('gives null for a kind the SDP does not have', () => {
    const audioOnly = ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', ''].join('\r\n');
    expect(cameraMids(audioOnly)).toEqual({ audio: '0', video: null });
    expect(cameraMids('v=0\r\n')).toEqual({ audio: null, video: null });
  });
});
