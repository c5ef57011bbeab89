// The browser-test harness: a real Parley server, real Chromium with a fake
// camera, and ways to see what each participant receives. Typical use:
//
//   let server: ParleyServer;
//   let browser: Browser;
//   beforeAll(async () => {
//     [server, browser] = await Promise.all([startServer(), launchBrowser()]);
//   });
//   afterAll(async () => {
//     await browser?.close();
//     await server?.stop();
//   });
//   test('...', async () => {
//     const alice = await newParticipant(browser);
//     await joinCall(alice.page, server.url, generateRoomId(), 'Alice');
//     ...
//     await waitForMediaFlow(alice.page, 1);
//   });
export { startServer, ROOT, type ParleyServer, type ServerExit } from './support/server';
export {
  launchBrowser,
  newParticipant,
  CHROMIUM_ARGS,
  DEFAULT_CHROMIUM,
  type LaunchOptions,
  type Participant,
  type ParticipantOptions,
} from './support/browser';
export {
  peerConnectionStats,
  inboundVideoStats,
  offerCollisions,
  setSignalingDelay,
  remoteTiles,
  liveLocalTracks,
  waitForMediaFlow,
  type InboundRtp,
  type PeerConnectionStats,
  type RemoteTile,
  type LocalTrack,
  type MediaFlow,
  type PeerFlow,
  type TileFlow,
} from './support/media';
export { TID, ROOM_PATH, waitForHydration, joinCall } from './support/app';
export { waitFor, type WaitOptions } from './support/wait';
export {
  tileMedia,
  tileIds,
  waitForTileFlow,
  waitForTileStill,
  waitForTileGone,
  waitForTileAttribute,
  isPressed,
  waitForPressed,
  endScreenCapture,
  participantCount,
  waitForCount,
  type TileKind,
  type TileMedia,
  type TileRtp,
  type FlowExpectation,
  type TileFlowResult,
} from './support/tiles';
export {
  createMeeting,
  enterFromLobby,
  joinByLink,
  idsByName,
  waitForIds,
  type Person,
} from './support/call';
