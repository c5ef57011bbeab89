/**
 * Resolves once the connection has gathered every ICE candidate (or after
 * `timeoutMs`, for a slow STUN/TURN server): its local description then holds
 * them all, for a far end that takes no trickled candidates (a client that
 * never trickles, or Janus).
 */
export function iceGathered(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
