/**
 * Teams' serviceUrl "is stable but can change": it is regional (`https://smba.trafficmanager.net/amer/`, `…/emea/`)
 * and a conversation's region can move. Here a region is the serviceUrl's first path segment on the fake's one
 * server (botbuilder appends `v3/conversations/…` to whatever serviceUrl a conversation reference holds). Only the
 * current serviceUrl serves; activities carry it from the moment it changes, and calls to any other answer 404.
 */

const REGION = /^[a-z0-9][a-z0-9-]{0,31}$/i;

export interface LocatedCall {
  /** The serviceUrl the call was made against: everything before `v3/`, with the trailing slash. */
  serviceUrl: string;
  /** The connector path after it, from `/v3/` on (as sent, ids URL-encoded). */
  path: string;
  /** Whether that serviceUrl is the one Teams uses now. */
  current: boolean;
}

export class ServiceUrls {
  private origin = '';

  constructor(private region: string | undefined) {
    if (region !== undefined) checkRegion(region);
  }

  /** Called once the server listens: `http://127.0.0.1:<port>`. */
  listening(origin: string): void {
    this.origin = origin;
  }

  /** The serviceUrl activities carry now, with the trailing slash Teams sends. */
  get current(): string {
    return this.urlOf(this.region);
  }

  /** From now on activities carry `<origin>/<region>/` and every other serviceUrl is retired. */
  move(region: string): void {
    checkRegion(region);
    this.region = region;
  }

  locate(rawPath: string): LocatedCall {
    const regional = rawPath.startsWith('/v3/') ? undefined : /^\/([^/?]+)(\/v3\/.*)$/.exec(rawPath);
    const region = regional?.[1];
    const path = regional ? regional[2] : rawPath;
    return { serviceUrl: this.urlOf(region), path, current: (region ?? '') === (this.region ?? '') };
  }

  private urlOf(region: string | undefined): string {
    return `${this.origin}/${region ? `${region}/` : ''}`;
  }
}

function checkRegion(region: string): void {
  if (!REGION.test(region) || region.toLowerCase() === 'v3') throw new Error(`TeamsConnector: "${region}" is not a region (one path segment of letters, digits and dashes, not v3)`);
}
