// @ts-check
// Ask the visitor for an email once nobody has answered for a while (the
// server decides; the page only asks when the delay is over).

/**
 * The email prompt's timer, scheduled again at each change of the thread.
 * @param {object} parts
 * @param {import("./state.js").WidgetConfig} parts.config
 * @param {import("./state.js").WidgetState} parts.state
 * @param {() => Promise<import("../kit/wire.js").Message | null>} parts.requestEmail
 * @param {import("./thread.js").Thread} parts.thread
 * @returns {{schedule: () => void, cancel: () => void}}
 */
export function createEmailPrompt({ config, state, requestEmail, thread }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const cancel = () => clearTimeout(timer);

  async function ask() {
    try {
      const prompt = await requestEmail();
      if (prompt) thread.merge([prompt]);
      else if (!thread.hasEmailPrompt() && !thread.agentReplied()) timer = setTimeout(schedule, 5000);
    } catch { /* the next event reschedules */ }
  }

  function schedule() {
    cancel();
    const conversation = state.conversation;
    const contact = state.session && state.session.contact;
    if (!config.inbox.emailCollect || !conversation || (contact && contact.email)) return;
    if (thread.agentReplied() || thread.hasEmailPrompt()) return;
    const due = (conversation.created_at + config.emailCollectDelaySeconds + 1) * 1000;
    timer = setTimeout(ask, Math.max(0, due - Date.now()));
  }

  return { schedule, cancel };
}
