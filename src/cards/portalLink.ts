/**
 * Which Azure portal links a card may carry. `alertUri` comes from Azure, but a card is no place to trust it: only
 * https links to the Azure portal's own hosts become a button; anything else is shown as nothing at all.
 */

/** The Azure portal (public, Microsoft's own tenant, US Government, China). */
export const PORTAL_HOSTS: readonly string[] = ['portal.azure.com', 'ms.portal.azure.com', 'portal.azure.us', 'portal.azure.cn'];
/** Real alert links are about 250 characters; a longer one would only weigh down the card. */
export const MAX_PORTAL_URL_LENGTH = 1000;

/** The link, normalised, when it is safe to open; undefined otherwise. */
export function safePortalUrl(value: string | undefined): string | undefined {
  if (!value || value.length > MAX_PORTAL_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined; // not a URL: no link, and nothing to report (the alert itself is still shown)
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  if (!PORTAL_HOSTS.includes(url.hostname.toLowerCase())) return undefined;
  return url.href.length <= MAX_PORTAL_URL_LENGTH ? url.href : undefined;
}
