// The init script every participant's pages run before any app code. It is
// serialised into the page, so it must not use anything from this module's
// scope. Test-only hooks it installs (read them through support/media.ts):
//   window.__parleyPCs          every RTCPeerConnection the page created
//   window.__parleyLocalTracks  every track getUserMedia / getDisplayMedia
//                               returned, and clones of those tracks
// With `deny`, getUserMedia rejects with NotAllowedError, as after a person
// clicks "Block". The browser runs with --use-fake-ui-for-media-stream (its
// fake prompt always accepts), so denial has to be simulated here.
// With `noCamera`, there is no video input: requests for video reject with
// NotFoundError and enumerateDevices lists no camera.

export interface InstrumentOptions {
  deny: boolean;
  noCamera: boolean;
}

export interface RecordedTrack {
  track: MediaStreamTrack;
  source: 'user' | 'display';
}

export interface InstrumentedWindow {
  __parleyPCs: RTCPeerConnection[];
  __parleyLocalTracks: RecordedTrack[];
}

export function instrumentPage({ deny, noCamera }: InstrumentOptions): void {
  const page = window as unknown as Window & InstrumentedWindow;
  const pcs: RTCPeerConnection[] = [];
  const tracks: RecordedTrack[] = [];
  page.__parleyPCs = pcs;
  page.__parleyLocalTracks = tracks;

  const NativePeerConnection = window.RTCPeerConnection;
  if (NativePeerConnection) {
    const recording = new Proxy(NativePeerConnection, {
      construct(target, args, newTarget) {
        const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        pcs.push(pc);
        return pc;
      },
    });
    Object.defineProperty(window, 'RTCPeerConnection', {
      value: recording,
      writable: true,
      configurable: true,
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
  if (deny && permissions) {
    const nativeQuery = permissions.query;
    permissions.query = function query(this: Permissions, descriptor) {
      return nativeQuery.call(this, descriptor).then((status) => {
        if (descriptor.name === ('camera' as PermissionName) || descriptor.name === 'microphone') {
          Object.defineProperty(status, 'state', { value: 'denied' });
        }
        return status;
      });
    };
  }
}
