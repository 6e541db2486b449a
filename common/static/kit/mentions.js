// @ts-check
// Mentions in a private note, in Chatwoot's markup:
// `[@Name](mention://user/<id>/<url-encoded name>)`, a team's
// `mention://team/<id>/<name>`. common/markdown.py draws the markup as a chip.

/**
 * Someone a note may mention: an agent or a team.
 * @typedef {{kind: "user" | "team", id: number, name: string}} Mentionable
 */

/**
 * The markup a note stores for mentioning `who`; brackets in the name are
 * left out so the markup stays one link.
 * @param {Mentionable} who
 * @returns {string}
 */
export function mentionMarkup(who) {
  const name = who.name.replace(/[[\]\n]/g, "").trim();
  return `[@${name}](mention://${who.kind}/${who.id}/${encodeURIComponent(name)})`;
}

/**
 * Those whose name has a word starting with `query` (any case), agents
 * first, at most `limit`.
 * @param {Mentionable[]} people
 * @param {string} query
 * @param {number} [limit]
 * @returns {Mentionable[]}
 */
export function matchMentions(people, query, limit = 8) {
  const q = query.toLocaleLowerCase();
  const matches = people.filter((who) => who.name.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(q)) || who.name.toLocaleLowerCase().startsWith(q));
  return matches.sort((a, b) => Number(a.kind === "team") - Number(b.kind === "team")).slice(0, limit);
}
