// Small capture for SFU browser tests (TESTING.md): a page init script that
// asks for 320x240 at 10 fps whatever the app requests, and a 5 fps screen,
// so several pages and Janus fit on 2 cores. Serialised into the page
// (context.addInitScript): it must not use anything from this module's scope.

export function smallCapture(): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints?: MediaStreamConstraints) => {
    if (constraints?.video) {
      const video = typeof constraints.video === 'object' ? constraints.video : {};
      constraints = {
        ...constraints,
        video: { ...video, width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { max: 10 } },
      };
    }
    return original(constraints);
  };
  const display = devices.getDisplayMedia.bind(devices);
  devices.getDisplayMedia = (options?: DisplayMediaStreamOptions) =>
    display({ ...options, video: { frameRate: { max: 5 } } });
}
