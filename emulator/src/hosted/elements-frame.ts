// The page inside each element's iframe (Stripe's elements-inner pages on js.stripe.com): empty
// markup and the script that renders the card inputs from the options in its URL's fragment.
import type { HostedRouter } from '../hosted-routes.js';
import { FRAME_TITLES } from './browser/frame-protocol.js';
import { escapeHtml } from './html.js';
import { sendHtml } from './http.js';

export function registerElementFrameRoutes(router: HostedRouter): void {
  router.add('GET', '/_emulator/elements/:type', ({ res, pathParams }) => {
    const title = FRAME_TITLES[pathParams.type!];
    if (!title) return sendHtml(res, 404, '<!doctype html><title>No such element</title>');
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><script src="/_emulator/assets/element-frame.js"></script></body></html>`,
    );
  });
}
