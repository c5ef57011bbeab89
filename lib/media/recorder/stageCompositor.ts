import { bestGrid, initials } from '@/lib/view/layout';

/** One tile of the recorded stage: a person's camera (or a screen share) and a name. */
export interface StageTile {
  key: string;
  label: string;
  /** Null or without a live video track: drawn as initials. */
  stream: MediaStream | null;
  /** Screen shares fill their cell (contain); cameras are cropped (cover). */
  fit: 'cover' | 'contain';
}

const WIDTH = 1280;
const HEIGHT = 720;
const GAP = 8;

/**
 * Draws the stage as people see it (a grid of tiles with names) onto a
 * 1280x720 canvas a few times a second; its captureStream() is the video of
 * a recording. Each stream plays in its own detached, muted <video>.
 */
export class StageCompositor {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly videos = new Map<string, HTMLVideoElement>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly tiles: () => StageTile[],
    private readonly fps = 15,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHT;
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    this.context = context;
  }

  start(): MediaStreamTrack {
    this.draw();
    this.timer = setInterval(() => this.draw(), 1000 / this.fps);
    return this.canvas.captureStream(this.fps).getVideoTracks()[0];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const video of this.videos.values()) video.srcObject = null;
    this.videos.clear();
  }

  private videoFor(tile: StageTile): HTMLVideoElement | null {
    const stream = tile.stream;
    const live = stream?.getVideoTracks().some((t) => t.readyState === 'live' && t.enabled);
    if (!stream || !live) return null;
    let video = this.videos.get(tile.key);
    if (!video || video.srcObject !== stream) {
      video ??= document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      void video.play().catch(() => undefined);
      this.videos.set(tile.key, video);
    }
    return video;
  }

  private draw(): void {
    const ctx = this.context;
    const tiles = this.tiles();
    ctx.fillStyle = '#202124';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const grid = bestGrid(tiles.length, WIDTH - 2 * GAP, HEIGHT - 2 * GAP, 16 / 9, GAP);
    const usedRows = Math.ceil(tiles.length / Math.max(grid.cols, 1));
    const top = (HEIGHT - (usedRows * grid.tileHeight + (usedRows - 1) * GAP)) / 2;
    const seen = new Set<string>();
    tiles.forEach((tile, i) => {
      seen.add(tile.key);
      const row = Math.floor(i / grid.cols);
      const inRow = Math.min(grid.cols, tiles.length - row * grid.cols);
      const left = (WIDTH - (inRow * grid.tileWidth + (inRow - 1) * GAP)) / 2;
      const x = left + (i % grid.cols) * (grid.tileWidth + GAP);
      const y = top + row * (grid.tileHeight + GAP);
      this.drawTile(tile, x, y, grid.tileWidth, grid.tileHeight);
    });
    for (const key of [...this.videos.keys()]) {
      if (!seen.has(key)) {
        this.videos.get(key)!.srcObject = null;
        this.videos.delete(key);
      }
    }
  }

  private drawTile(tile: StageTile, x: number, y: number, w: number, h: number): void {
    const ctx = this.context;
    ctx.fillStyle = '#3c4043';
    ctx.fillRect(x, y, w, h);
    const video = this.videoFor(tile);
    if (video && video.videoWidth > 0) {
      const scale =
        tile.fit === 'cover'
          ? Math.max(w / video.videoWidth, h / video.videoHeight)
          : Math.min(w / video.videoWidth, h / video.videoHeight);
      const dw = video.videoWidth * scale;
      const dh = video.videoHeight * scale;
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.clip();
      ctx.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
      ctx.restore();
    } else {
      const r = Math.min(w, h) / 5;
      ctx.fillStyle = '#5f6368';
      ctx.beginPath();
      ctx.arc(x + w / 2, y + h / 2, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#fff';
      ctx.font = `${Math.round(r * 0.8)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(initials(tile.label), x + w / 2, y + h / 2);
    }
    ctx.font = '16px sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    const text = tile.label;
    const tw = ctx.measureText(text).width;
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    ctx.fillRect(x + 8, y + h - 32, tw + 16, 24);
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x + 16, y + h - 12);
  }
}
