// @ts-check
// The tab's title counts what waits for the agent: each part of the page (the
// list's unread conversations, the bell's unread notifications) reports its
// own count, and the title shows their sum in front: "(3) Acme · OneChat".
// The counts live on the page's root element, which every part shares.

/**
 * Report `source`'s unread count and redraw the title.
 * @param {string} source a name of letters ("conversations", "notifications")
 * @param {number} count
 * @param {Document} [page]
 */
export function showUnread(source, count, page = document) {
  const counts = page.documentElement.dataset;
  if (counts.baseTitle === undefined) counts.baseTitle = page.title;
  counts[`unread${source[0].toUpperCase()}${source.slice(1)}`] = String(count);
  let total = 0;
  for (const [key, value] of Object.entries(counts)) if (key.startsWith("unread")) total += Number(value) || 0;
  page.title = total > 0 ? `(${total}) ${counts.baseTitle}` : counts.baseTitle;
}
