import { describe, expect, it } from 'vitest';
import {
  meshLimits,
  senderLimits,
  withAudioPriority,
  withLimits,
  type SenderLimits,
} from '@/lib/webrtc/adaptation';

const sizes = Array.from({ length: 49 }, (_, i) => i + 2);

/** What one person uploads for their camera across the whole mesh. */
const uplink = (size: number) => senderLimits(size, 'camera').maxBitrate * (size - 1);

function params(encodings: RTCRtpEncodingParameters[]): RTCRtpSendParameters {
  return { transactionId: 't1', encodings, codecs: [], headerExtensions: [], rtcp: {} };
}

describe('senderLimits: camera', () => {
  it('gives a two-person call a full-quality stream', () => {
    expect(senderLimits(2, 'camera')).toEqual({
      maxBitrate: 1_200_000,
      scaleResolutionDownBy: 1,
      maxFramerate: 30,
      degradationPreference: 'balanced',
    });
  });

  it('never raises bitrate, resolution or frame rate as the room grows', () => {
    for (const size of sizes.slice(1)) {
      const smaller = senderLimits(size - 1, 'camera');
      const now = senderLimits(size, 'camera');
      expect(now.maxBitrate).toBeLessThanOrEqual(smaller.maxBitrate);
      expect(now.scaleResolutionDownBy).toBeGreaterThanOrEqual(smaller.scaleResolutionDownBy);
      expect(now.maxFramerate).toBeLessThanOrEqual(smaller.maxFramerate);
    }
  });

  it('keeps one person’s whole upload within ~2 Mbit/s from 3 people on', () => {
    for (const size of sizes.filter((s) => s >= 3 && s <= 12)) {
      expect(uplink(size)).toBeLessThanOrEqual(2_000_000);
    }
  });

  it('encodes fewer pixels from 4 people on (a 2x2 grid tile is small)', () => {
    expect(senderLimits(3, 'camera').scaleResolutionDownBy).toBe(1);
    expect(senderLimits(4, 'camera').scaleResolutionDownBy).toBeGreaterThan(1);
    expect(senderLimits(9, 'camera').scaleResolutionDownBy).toBeGreaterThanOrEqual(2);
  });

  it('stays watchable in the largest rooms', () => {
    const big = senderLimits(50, 'camera');
    expect(big.maxBitrate).toBeGreaterThanOrEqual(100_000);
    expect(big.maxFramerate).toBeGreaterThanOrEqual(10);
  });

  it('treats nonsense sizes as a two-person call', () => {
    for (const size of [0, 1, -3, Number.NaN]) {
      expect(senderLimits(size, 'camera')).toEqual(senderLimits(2, 'camera'));
    }
    expect(senderLimits(3.7, 'camera')).toEqual(senderLimits(3, 'camera'));
  });
});

describe('senderLimits: screen', () => {
  it('keeps full resolution at every size and lowers the frame rate instead', () => {
    for (const size of sizes) {
      const screen = senderLimits(size, 'screen');
      expect(screen.scaleResolutionDownBy).toBe(1);
      expect(screen.degradationPreference).toBe('maintain-resolution');
      expect(screen.maxFramerate).toBeGreaterThanOrEqual(5);
    }
    expect(senderLimits(8, 'screen').maxFramerate).toBeLessThan(
      senderLimits(2, 'screen').maxFramerate,
    );
  });

  it('gives a share more bitrate than a camera in the same room', () => {
    for (const size of sizes) {
      expect(senderLimits(size, 'screen').maxBitrate).toBeGreaterThan(
        senderLimits(size, 'camera').maxBitrate,
      );
    }
  });

  it('meshLimits bundles both kinds', () => {
    expect(meshLimits(5)).toEqual({
      camera: senderLimits(5, 'camera'),
      screen: senderLimits(5, 'screen'),
    });
  });
});

describe('withLimits', () => {
  const limits: SenderLimits = senderLimits(4, 'camera');

  it('sets every encoding and keeps what it does not own', () => {
    const next = withLimits(params([{ active: true, rid: 'a' }]), limits);
    expect(next).toMatchObject({
      transactionId: 't1',
      degradationPreference: 'balanced',
      encodings: [
        {
          active: true,
          rid: 'a',
          maxBitrate: limits.maxBitrate,
          maxFramerate: limits.maxFramerate,
          scaleResolutionDownBy: limits.scaleResolutionDownBy,
        },
      ],
    });
  });

  it('returns null when the sender already holds the limits', () => {
    const once = withLimits(params([{ active: true }]), limits);
    expect(once).not.toBeNull();
    expect(withLimits(once as RTCRtpSendParameters, limits)).toBeNull();
  });

  it('returns null before negotiation, when there are no encodings yet', () => {
    expect(withLimits(params([]), limits)).toBeNull();
  });

  it('does not change the parameters it was given', () => {
    const original = params([{ active: true }]);
    withLimits(original, limits);
    expect(original.encodings[0]).toEqual({ active: true });
  });
});

describe('withAudioPriority', () => {
  it('raises audio to high priority once', () => {
    const next = withAudioPriority(params([{ active: true }]));
    expect(next?.encodings[0]).toEqual({
      active: true,
      priority: 'high',
      networkPriority: 'high',
    });
    expect(withAudioPriority(next as RTCRtpSendParameters)).toBeNull();
    expect(withAudioPriority(params([]))).toBeNull();
  });
});
