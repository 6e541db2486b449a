// @ts-check
// The conversation with the SDK on the host page (postMessage): commands in,
// each answered with its result; events out ("ready", "unread", "labels"…)
// to the origin that said "init" only.
import { errorMessage } from "./page.js";

/** @typedef {import("./state.js").WidgetState} WidgetState */
/** @typedef {(data: Record<string, any>) => unknown} Command */

/**
 * The host page's side of the conversation, once it said "init".
 * @param {WidgetState} state
 * @returns {{post: (type: string, data?: Record<string, unknown>) => void,
 *   listen: (commands: Record<string, Command>, onInit: () => void) => void}}
 */
export function createHost(state) {
  /**
   * Tell the host page `type` with `data`, once it is known.
   * @param {string} type
   * @param {Record<string, unknown>} [data]
   */
  function post(type, data = {}) {
    if (state.parentOrigin) window.parent.postMessage({ source: "onechat-widget", type, ...data }, state.parentOrigin);
  }

  /**
   * Run the SDK's commands; `onInit` answers "init" once it has run.
   * @param {Record<string, Command>} commands
   * @param {() => void} onInit
   */
  function listen(commands, onInit) {
    window.addEventListener("message", async (event) => {
      const data = event.data;
      if (event.source !== window.parent || !data || data.source !== "onechat-sdk") return;
      if (data.type === "init") state.parentOrigin = event.origin;
      if (event.origin !== state.parentOrigin || !Object.hasOwn(commands, data.type)) return;
      try {
        await commands[data.type](data);
        if (data.type === "init") onInit();
        if (data.id) post("result", { id: data.id, ok: true });
      } catch (error) {
        if (data.id) post("result", { id: data.id, ok: false, error: errorMessage(error) });
      }
    });
  }

  return { post, listen };
}
