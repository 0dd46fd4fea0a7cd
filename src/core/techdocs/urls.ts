// URLs as a built MkDocs site has them: directory URLs (`a/b/`), written relative to the
// page that links, so the site works from any base path (Backstage serves it under
// /docs/<namespace>/<kind>/<name>/).
import { relativeUrl } from './paths';
import { pageUrl } from './siteFiles';
import { UrlMapper } from './types';

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The URL mapper of the static site (`catwalk docs build`). */
export const staticSiteUrls: UrlMapper = {
  page(targetId, fromId, anchor) {
    const url = relativeUrl(pageUrl(fromId), encodePath(pageUrl(targetId)));
    return anchor !== undefined ? `${url}#${anchor}` : url;
  },
  asset(assetPath, fromId) {
    return relativeUrl(pageUrl(fromId), encodePath(assetPath));
  },
};
