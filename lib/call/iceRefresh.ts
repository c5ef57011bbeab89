/**
 * TURN credentials expire: this fetches fresh ICE servers at 80 % of their
 * lifetime (a minute later again when the fetch fails) and hands them on.
 */
export class IceRefresh {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly fetch: () => Promise<{
      iceServers: RTCIceServer[];
      iceTtlSeconds: number | null;
    }>,
    private readonly apply: (iceServers: RTCIceServer[]) => void,
  ) {}

  /** (Re)starts the countdown for credentials valid `ttlSeconds`; null: nothing expires. */
  schedule(ttlSeconds: number | null): void {
    this.stop();
    if (!ttlSeconds) return;
    this.timer = setTimeout(async () => {
      try {
        const fresh = await this.fetch();
        this.apply(fresh.iceServers);
        this.schedule(fresh.iceTtlSeconds);
      } catch {
        this.schedule(60);
      }
    }, ttlSeconds * 800);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
