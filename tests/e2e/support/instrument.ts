// The init script every participant's pages run before any app code. It is
// serialised into the page, so it must not use anything from this module's
// scope. Test-only hooks it installs (read them through support/media.ts):
//   window.__parleyPCs          every RTCPeerConnection the page created
//   window.__parleyLocalTracks  every track getUserMedia / getDisplayMedia
//                               returned, and clones of those tracks
//   window.__parleyOfferCollisions  remote offers applied while the connection
//                               had its own offer out (glare the polite side
//                               resolved by rolling back)
//   window.__parleySignalingDelayMs  set > 0 to deliver every incoming
//                               WebSocket message (signaling) that much later,
//                               in order: a slow signaling path, so that two
//                               offers made close together really cross
//   window.__parleyRefuseOffers  set > 0: that many remote offers reach the
//                               browser truncated, so it refuses them as it
//                               would a malformed offer from a broken peer
// With `deny`, getUserMedia rejects with NotAllowedError, as after a person
// clicks "Block". The browser runs with --use-fake-ui-for-media-stream (its
// fake prompt always accepts), so denial has to be simulated here.
// With `denyCamera`, only the camera is refused (NotAllowedError), as after a
// person blocks the camera and allows the microphone.
// With `noCamera`, there is no video input: requests for video reject with
// NotFoundError and enumerateDevices lists no camera.

export interface InstrumentOptions {
  deny: boolean;
  denyCamera?: boolean;
  noCamera: boolean;
}

export interface RecordedTrack {
  track: MediaStreamTrack;
  source: 'user' | 'display';
}

export interface InstrumentedWindow {
  __parleyPCs: RTCPeerConnection[];
  __parleyLocalTracks: RecordedTrack[];
  __parleyOfferCollisions: number;
  __parleySignalingDelayMs: number;
  __parleyRefuseOffers: number;
}

export function instrumentPage({ deny, denyCamera = false, noCamera }: InstrumentOptions): void {
  const page = window as unknown as Window & InstrumentedWindow;
  const pcs: RTCPeerConnection[] = [];
  const tracks: RecordedTrack[] = [];
  page.__parleyPCs = pcs;
  page.__parleyLocalTracks = tracks;
  page.__parleyOfferCollisions = 0;
  page.__parleySignalingDelayMs = 0;
  page.__parleyRefuseOffers = 0;

  const NativePeerConnection = window.RTCPeerConnection;
  if (NativePeerConnection) {
    const recording = new Proxy(NativePeerConnection, {
      construct(target, args, newTarget) {
        const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        pcs.push(pc);
        const setRemote = pc.setRemoteDescription;
        Object.defineProperty(pc, 'setRemoteDescription', {
          configurable: true,
          writable: true,
          value(this: RTCPeerConnection, ...call: unknown[]) {
            const description = call[0] as RTCSessionDescriptionInit | undefined;
            if (description?.type === 'offer' && this.signalingState === 'have-local-offer') {
              page.__parleyOfferCollisions += 1;
            }
            if (description?.type === 'offer' && page.__parleyRefuseOffers > 0) {
              page.__parleyRefuseOffers -= 1;
              call = [{ type: 'offer', sdp: (description.sdp ?? '').slice(0, 60) }];
            }
            return Reflect.apply(setRemote, this, call) as Promise<void>;
          },
        });
        return pc;
      },
    });
    Object.defineProperty(window, 'RTCPeerConnection', {
      value: recording,
      writable: true,
      configurable: true,
    });
  }

  // socket.io's WebSocket transport listens with `ws.onmessage = ...`.
  const socketProto = window.WebSocket?.prototype;
  const onmessage = socketProto && Object.getOwnPropertyDescriptor(socketProto, 'onmessage');
  if (socketProto && onmessage?.get && onmessage.set) {
    const { get, set } = onmessage;
    const releaseAt = new WeakMap<WebSocket, number>();
    Object.defineProperty(socketProto, 'onmessage', {
      configurable: true,
      enumerable: onmessage.enumerable,
      get(this: WebSocket) {
        return get.call(this) as unknown;
      },
      set(this: WebSocket, handler: unknown) {
        if (typeof handler !== 'function') {
          set.call(this, handler);
          return;
        }
        set.call(this, function delayed(this: WebSocket, event: MessageEvent) {
          const now = performance.now();
          const at = Math.max(now + page.__parleySignalingDelayMs, releaseAt.get(this) ?? 0);
          if (at <= now) {
            (handler as (e: MessageEvent) => void).call(this, event);
            return;
          }
          releaseAt.set(this, at);
          setTimeout(() => (handler as (e: MessageEvent) => void).call(this, event), at - now);
        });
      },
    });
  }

  const sources = new WeakMap<MediaStreamTrack, RecordedTrack['source']>();
  const record = (stream: MediaStream, source: RecordedTrack['source']) => {
    for (const track of stream.getTracks()) {
      sources.set(track, source);
      tracks.push({ track, source });
    }
    return stream;
  };
  const nativeClone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function clone(this: MediaStreamTrack) {
    const copy = nativeClone.call(this);
    const source = sources.get(this);
    if (source) {
      sources.set(copy, source);
      tracks.push({ track: copy, source });
    }
    return copy;
  };

  const devices = window.MediaDevices?.prototype;
  if (!devices) return;
  const fail = (message: string, name: string) => Promise.reject(new DOMException(message, name));
  const nativeGetUserMedia = devices.getUserMedia;
  devices.getUserMedia = function getUserMedia(this: MediaDevices, constraints) {
    if (deny) return fail('Permission denied', 'NotAllowedError');
    if (denyCamera && constraints?.video) return fail('Permission denied', 'NotAllowedError');
    if (noCamera && constraints?.video) return fail('Requested device not found', 'NotFoundError');
    return nativeGetUserMedia.call(this, constraints).then((stream) => record(stream, 'user'));
  };
  const nativeGetDisplayMedia = devices.getDisplayMedia;
  if (nativeGetDisplayMedia) {
    devices.getDisplayMedia = function getDisplayMedia(this: MediaDevices, options) {
      return nativeGetDisplayMedia.call(this, options).then((stream) => record(stream, 'display'));
    };
  }
  if (noCamera) {
    const nativeEnumerate = devices.enumerateDevices;
    devices.enumerateDevices = function enumerateDevices(this: MediaDevices) {
      return nativeEnumerate
        .call(this)
        .then((list) => list.filter((device) => device.kind !== 'videoinput'));
    };
  }
  const permissions = window.Permissions?.prototype;
  if ((deny || denyCamera) && permissions) {
    const nativeQuery = permissions.query;
    permissions.query = function query(this: Permissions, descriptor) {
      return nativeQuery.call(this, descriptor).then((status) => {
        const camera = descriptor.name === ('camera' as PermissionName);
        if (camera || (deny && descriptor.name === 'microphone')) {
          Object.defineProperty(status, 'state', { value: 'denied' });
        }
        return status;
      });
    };
  }
}
