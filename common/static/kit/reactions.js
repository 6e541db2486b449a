// @ts-check
// Reactions: a reaction is a message of its own (never drawn as a bubble);
// its target carries the current list in `content_attributes.reactions`,
// one entry per sender, which both front ends draw as emoji chips.

import { CONTENT_TYPE, arrayOf, attributesOf, text } from "./rich.js";

/** @typedef {import("./wire.js").Message} Message */

/**
 * Whether `message` is a reaction (drawn as a chip under its target, never as a bubble).
 * @param {Message} message
 */
export function isReaction(message) {
  return message.content_type === CONTENT_TYPE.REACTION || attributesOf(message).is_reaction === true;
}

/**
 * @typedef {object} ReactionChip
 * @property {string} emoji
 * @property {number} count
 * @property {boolean} mine whether the reader is one of its senders
 */

/**
 * The chips under a message from its `content_attributes.reactions` (one entry
 * per sender), one per emoji in the order first given.
 * @param {Message} message
 * @param {{senderType: string, senderId: number | null}} reader who reads the page
 * @returns {ReactionChip[]}
 */
export function reactionChips(message, reader) {
  /** @type {Map<string, ReactionChip>} */
  const chips = new Map();
  for (const reaction of arrayOf(attributesOf(message).reactions)) {
    const emoji = reaction && text(reaction.emoji);
    if (!emoji) continue;
    const chip = chips.get(emoji) || { emoji, count: 0, mine: false };
    chip.count += 1;
    if (reaction.sender_type === reader.senderType && reaction.sender_id === reader.senderId) chip.mine = true;
    chips.set(emoji, chip);
  }
  return [...chips.values()];
}
