// Driving Parley's UI through the stable data-testid contract of DESIGN.md.
import type { Page } from 'playwright-core';

/** The data-testid values DESIGN.md promises to keep stable. */
export const TID = {
  createRoom: 'create-room',
  roomCodeInput: 'room-code-input',
  joinCode: 'join-code',
  displayName: 'display-name',
  prejoinPreview: 'prejoin-preview',
  joinButton: 'join-button',
  selfView: 'self-view',
  remoteTile: 'remote-tile',
  screenTile: 'screen-tile',
  toggleMic: 'toggle-mic',
  toggleCamera: 'toggle-camera',
  toggleScreen: 'toggle-screen',
  copyLink: 'copy-link',
  leave: 'leave',
  chatToggle: 'chat-toggle',
  chatInput: 'chat-input',
  chatSend: 'chat-send',
  chatMessage: 'chat-message',
  participantCount: 'participant-count',
  shareFile: 'share-file',
  fileCard: 'file-card',
  fileAccept: 'file-accept',
  fileDecline: 'file-decline',
  fileDownload: 'file-download',
  raiseHand: 'raise-hand',
} as const;

export const ROOM_PATH = /^\/[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}$/;

/**
 * Waits until React has hydrated the element with this data-testid, so a
 * click reaches its handler. Server-rendered HTML is visible (and clickable,
 * to Playwright) before the client bundle attaches handlers; a click in that
 * window does nothing. React marks hydrated DOM nodes with __reactProps$*.
 */
export async function waitForHydration(page: Page, testId: string, timeout = 30_000) {
  await page.waitForFunction(
    (id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactProps$'));
    },
    testId,
    { timeout, polling: 100 },
  );
}

/**
 * Opens a room and enters the call as `name`: the pre-join screen's
 * display-name and join-button, then waits for self-view (you are in).
 * `url` is the server's base URL.
 */
export async function joinCall(page: Page, url: string, roomId: string, name: string) {
  await page.goto(`${url}/${roomId}`);
  await waitForHydration(page, TID.joinButton);
  await page.getByTestId(TID.displayName).fill(name);
  await page.getByTestId(TID.joinButton).click();
  await page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
}
