// @ts-check
// "Is typing" as both front ends send it: on at the first keystroke, off once
// the writer stops for `idleMs` or sends, each said once.

/**
 * @param {(typing: boolean) => void} send tells the server on or off
 * @param {number} [idleMs] quiet time after which typing stops
 * @returns {{input: () => void, stop: () => void}} `input` on every keystroke; `stop` when the text is sent or dropped
 */
export function createTypingSignal(send, idleMs = 3000) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let on = false;
  function stop() {
    clearTimeout(timer);
    timer = undefined;
    if (!on) return;
    on = false;
    send(false);
  }
  function input() {
    clearTimeout(timer);
    timer = setTimeout(stop, idleMs);
    if (on) return;
    on = true;
    send(true);
  }
  return { input, stop };
}
