import { describe, expect, test, vi } from 'vitest';
import {
  BUFFER_HIGH_BYTES,
  BUFFER_LOW_BYTES,
  ChannelClosedError,
  CONTROL_CHANNEL,
  FILES_CHANNEL,
  PeerChannels,
} from '@/lib/webrtc/channels';
import { fakeChannelFactory } from '@/tests/unit/support/fakeDataChannel';

function openChannels() {
  const { made, create } = fakeChannelFactory();
  const channels = new PeerChannels(create);
  const control = made[CONTROL_CHANNEL.label];
  const files = made[FILES_CHANNEL.label];
  return { channels, control, files };
}

describe('PeerChannels', () => {
  test('makes two pre-negotiated arraybuffer channels with fixed ids, open once both are', () => {
    const { channels, control, files } = openChannels();
    expect(control.init).toEqual({ negotiated: true, id: 0 });
    expect(files.init).toEqual({ negotiated: true, id: 1 });
    expect(files.binaryType).toBe('arraybuffer');
    expect(files.bufferedAmountLowThreshold).toBe(BUFFER_LOW_BYTES);
    const opened = vi.fn();
    channels.on('open', opened);
    control.open();
    expect(opened).not.toHaveBeenCalled();
    files.open();
    expect(opened).toHaveBeenCalledTimes(1);
    expect(channels.isOpen).toBe(true);
  });

  test('control messages are JSON both ways; garbage is dropped', () => {
    const { channels, control, files } = openChannels();
    control.open();
    files.open();
    const got = vi.fn();
    channels.on('control', got);
    control.receive('{"t":"hand","at":5}');
    control.receive('not json');
    control.receive(new ArrayBuffer(3));
    expect(got.mock.calls).toEqual([[{ t: 'hand', at: 5 }]]);
    expect(channels.sendControl({ t: 'reaction', emoji: '👍' })).toBe(true);
    expect(control.sent).toEqual(['{"t":"reaction","emoji":"👍"}']);
  });

  test('backpressure: sendBinary waits above the high-water mark until bufferedamountlow', async () => {
    const { channels, control, files } = openChannels();
    control.open();
    files.open();
    const chunk = () => new ArrayBuffer(16 * 1024);
    // Fill to just above the high-water mark: these go straight out.
    const fill = Math.floor(BUFFER_HIGH_BYTES / (16 * 1024)) + 1;
    for (let i = 0; i < fill; i++) await channels.sendBinary(chunk());
    expect(files.sent).toHaveLength(fill);
    let sent = false;
    const waiting = channels.sendBinary(chunk()).then(() => (sent = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toBe(false);
    files.drain(files.bufferedAmount - BUFFER_LOW_BYTES);
    await waiting;
    expect(sent).toBe(true);
    expect(files.peakBuffered).toBeLessThanOrEqual(BUFFER_HIGH_BYTES + 16 * 1024);
  });

  test('a send waiting for room rejects when the channel closes, and close is announced once', async () => {
    const { channels, control, files } = openChannels();
    control.open();
    files.open();
    const closed = vi.fn();
    channels.on('close', closed);
    files.bufferedAmount = BUFFER_HIGH_BYTES + 1;
    const waiting = channels.sendBinary(new ArrayBuffer(10));
    files.close();
    await expect(waiting).rejects.toBeInstanceOf(ChannelClosedError);
    channels.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(channels.sendControl({ t: 'x' })).toBe(false);
  });
});
