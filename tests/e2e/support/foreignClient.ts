// A "foreign client": a Chromium page that does not run Parley's app but
// speaks docs/protocol.md itself, with the socket.io-client browser bundle
// and a bare RTCPeerConnection, the way a third-party client (aiortc, a
// gateway, a native app) would. What it does differently from Parley is the
// point: no data channels, every candidate inside its offer and none
// trickled (no a=ice-options:trickle either), optionally audio only or video
// only, optionally its codecs in another order.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Participant } from './browser';
import { waitFor } from './wait';
import { ROOM_ALPHABET } from '@/lib/protocol/limits';

// The package's "exports" hide its dist folder: find it next to package.json.
const require = createRequire(import.meta.url);
const SOCKET_IO_BUNDLE = join(
  dirname(require.resolve('socket.io-client/package.json')),
  'dist',
  'socket.io.min.js',
);

export interface ForeignOptions {
  roomId: string;
  displayName: string;
  audio: boolean;
  video: boolean;
  /** Put these video codecs first in the offer (e.g. ['video/VP9', 'video/H264']). */
  videoCodecsFirst?: string[];
}

export interface ForeignClient {
  page: Page;
  selfId: string;
}

/**
 * Opens a page on the server's origin that runs no Parley code, loads
 * socket.io-client, enters the room and offers to everyone there (it is the
 * newcomer), answering any later offer the same way.
 */
export async function startForeignClient(
  person: Participant,
  serverUrl: string,
  options: ForeignOptions,
): Promise<ForeignClient> {
  // A page of the server's own origin that runs no app code: /healthz (JSON).
  // (A page the test serves itself through page.route counts as a public
  // address for Chromium's Local Network Access checks, which then block its
  // WebSocket to 127.0.0.1.) The socket.io bundle is evaluated, not inserted
  // as a <script>, so no page policy is in the way.
  const { page } = person;
  await page.goto(`${serverUrl}/healthz`);
  await page.evaluate(readFileSync(SOCKET_IO_BUNDLE, 'utf8'));
  const selfId = await page.evaluate(runForeignClient, options);
  return { page, selfId };
}

/** Runs in the page: everything a minimal non-Parley client does. */
async function runForeignClient(options: ForeignOptions): Promise<string> {
  type Sock = {
    on(event: string, listener: (payload: never) => void): void;
    once(event: string, listener: () => void): void;
    emit(event: string, payload: unknown): void;
    emitWithAck(event: string, payload: unknown): Promise<Record<string, unknown>>;
  };
  const w = window as unknown as Window & {
    io(url: string, opts: object): Sock;
    __foreign: { pcs: Record<string, RTCPeerConnection>; sentIce: number; log: string[] };
  };
  const state = { pcs: {} as Record<string, RTCPeerConnection>, sentIce: 0, log: [] as string[] };
  w.__foreign = state;
  const socket = w.io(location.origin, { transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: options.audio,
    video: options.video ? { width: 320, height: 240 } : false,
  });

  /** Waits until every candidate is in the local description, then returns its SDP without trickle. */
  const fullSdp = async (pc: RTCPeerConnection) => {
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
      });
    }
    return (pc.localDescription?.sdp ?? '')
      .split('\r\n')
      .filter((line) => !line.startsWith('a=ice-options:'))
      .join('\r\n');
  };

  const connection = (id: string) => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    state.pcs[id] = pc;
    pc.ontrack = ({ track, streams }) => {
      state.log.push(`track ${track.kind} from ${id}`);
      let video = document.getElementById(`v-${id}`) as HTMLVideoElement | null;
      if (!video) {
        video = document.createElement('video');
        video.id = `v-${id}`;
        video.muted = true;
        video.autoplay = true;
        document.body.append(video);
      }
      video.srcObject = streams[0] ?? new MediaStream([track]);
      // Sound is only decoded when played out (totalAudioEnergy stays 0 otherwise).
      if (track.kind === 'audio') {
        const audio = document.createElement('audio');
        audio.srcObject = new MediaStream([track]);
        document.body.append(audio);
        void audio.play().catch((err: Error) => state.log.push(`audio: ${err.name}`));
      }
    };
    return pc;
  };

  // The newcomer offers to everyone already in the room.
  const offerTo = async (id: string) => {
    const pc = connection(id);
    for (const track of stream.getTracks()) {
      const tx = pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] });
      if (track.kind === 'video' && options.videoCodecsFirst?.length) {
        const codecs = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
        const first = codecs.filter((c) => options.videoCodecsFirst?.includes(c.mimeType));
        tx.setCodecPreferences([...first, ...codecs.filter((c) => !first.includes(c))]);
      }
    }
    await pc.setLocalDescription(await pc.createOffer());
    const sdp = await fullSdp(pc);
    socket.emit('sdp-offer', { to: id, description: { type: 'offer', sdp } });
  };

  socket.on(
    'sdp-answer',
    ({ from, description }: { from: string; description: RTCSessionDescriptionInit }) => {
      void state.pcs[from]?.setRemoteDescription(description);
    },
  );
  // Parley may renegotiate (e.g. to add its data channels): answer, still without trickle.
  socket.on(
    'sdp-offer',
    async ({ from, description }: { from: string; description: RTCSessionDescriptionInit }) => {
      const pc = state.pcs[from] ?? connection(from);
      await pc.setRemoteDescription(description);
      await pc.setLocalDescription(await pc.createAnswer());
      const sdp = await fullSdp(pc);
      socket.emit('sdp-answer', { to: from, description: { type: 'answer', sdp } });
    },
  );
  // Never trickles, and never uses trickled candidates either.
  socket.on('ice', () => {
    state.log.push('ignored a trickled candidate');
  });
  socket.on('protocol-error', (error: unknown) =>
    state.log.push(`protocol-error ${JSON.stringify(error)}`),
  );

  const entered = await socket.emitWithAck('room-enter', {
    roomId: options.roomId,
    displayName: options.displayName,
    media: { camera: options.video, mic: options.audio, screen: false },
  });
  if (!entered.ok) throw new Error(`room-enter refused: ${JSON.stringify(entered.error)}`);
  for (const peer of entered.peers as { id: string }[]) await offerTo(peer.id);
  return String(entered.selfId);
}

export interface ForeignReceive {
  connectionState: RTCPeerConnectionState;
  video: { framesDecoded: number; bytesReceived: number; codec: string } | null;
  audio: { bytesReceived: number; totalAudioEnergy: number; codec: string } | null;
  videoWidth: number;
  currentTime: number;
  /** The offer's and answer's SDP facts the test checks. */
  remoteHasCandidates: boolean;
  localHasApplication: boolean;
}

/** What the foreign client receives from one participant, from its own getStats and <video>. */
export function foreignReceive(page: Page, from: string): Promise<ForeignReceive | null> {
  return page.evaluate(async (id) => {
    const pc = (window as unknown as { __foreign: { pcs: Record<string, RTCPeerConnection> } })
      .__foreign.pcs[id];
    if (!pc) return null;
    const stats = await pc.getStats();
    let video: ForeignReceive['video'] = null;
    let audio: ForeignReceive['audio'] = null;
    stats.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp') return;
      const codec = String((stats.get(String(s.codecId)) as { mimeType?: string })?.mimeType ?? '');
      if (s.kind === 'video')
        video = {
          framesDecoded: Number(s.framesDecoded ?? 0),
          bytesReceived: Number(s.bytesReceived ?? 0),
          codec,
        };
      else
        audio = {
          bytesReceived: Number(s.bytesReceived ?? 0),
          totalAudioEnergy: Number(s.totalAudioEnergy ?? 0),
          codec,
        };
    });
    const element = document.getElementById(`v-${id}`) as HTMLVideoElement | null;
    return {
      connectionState: pc.connectionState,
      video,
      audio,
      videoWidth: element?.videoWidth ?? 0,
      currentTime: element?.currentTime ?? 0,
      remoteHasCandidates: /^a=candidate:/m.test(pc.remoteDescription?.sdp ?? ''),
      localHasApplication: /^m=application/m.test(pc.localDescription?.sdp ?? ''),
    };
  }, from);
}

/**
 * Waits until the foreign client's connection to `from` is connected and,
 * between two polls ~500 ms apart, its inbound video (framesDecoded,
 * bytesReceived) and/or audio (bytesReceived, totalAudioEnergy) grew and its
 * <video> shows frames. Resolves with the last sample.
 */
export async function waitForForeignMedia(
  page: Page,
  from: string,
  expect: { video: boolean; audio: boolean },
  timeout = 30_000,
): Promise<ForeignReceive> {
  let before: ForeignReceive | null = null;
  return waitFor(
    async () => {
      const now = await foreignReceive(page, from);
      const previous = before;
      before = now;
      if (!now) throw new Error('no connection yet');
      if (now.connectionState !== 'connected') throw new Error(`connection ${now.connectionState}`);
      if (!previous) throw new Error('first sample taken');
      if (expect.video) {
        const [a, b] = [previous.video, now.video];
        if (!a || !b || b.framesDecoded <= a.framesDecoded || b.bytesReceived <= a.bytesReceived)
          throw new Error(`inbound video not growing (${JSON.stringify(b)})`);
        if (now.videoWidth <= 0 || now.currentTime <= previous.currentTime)
          throw new Error(`<video> not playing (width ${now.videoWidth})`);
      }
      if (expect.audio) {
        const [a, b] = [previous.audio, now.audio];
        if (
          !a ||
          !b ||
          b.bytesReceived <= a.bytesReceived ||
          b.totalAudioEnergy <= a.totalAudioEnergy
        )
          throw new Error(`inbound audio not growing (${JSON.stringify(b)})`);
      }
      return now;
    },
    { timeout, interval: 500, message: `media from ${from} in the foreign client` },
  );
}

/** A fresh room id (12 symbols of the room alphabet, as abcd-efgh-jkmn). */
export function freshRoomId(): string {
  const pick = () => ROOM_ALPHABET[Math.floor(Math.random() * ROOM_ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `${group()}-${group()}-${group()}`;
}
