// @ts-check
// The chat window's fixed elements (widget.html) and what every part does to
// them: the error line, and keeping the thread scrolled to its end.

/**
 * The page's element with `id`.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

/** @param {string} message shown in the alert line above the composer */
export function showError(message) {
  const error = $("error");
  error.textContent = message;
  error.hidden = false;
}

/** Take the alert line away (the problem is over). */
export function hideError() {
  $("error").hidden = true;
}

/** Show the end of the thread (a new message, the typing line). */
export function scrollToEnd() {
  const box = $("thread");
  box.scrollTop = box.scrollHeight;
}

/**
 * Run `redraw`, which may grow a message (a link preview arriving, a "Seen"
 * line): a reader who was at the end of the thread stays there.
 * @param {() => void} redraw
 */
export function keepingEnd(redraw) {
  const box = $("thread");
  const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  redraw();
  if (atEnd) scrollToEnd();
}

/**
 * The message of an error thrown by a call (anything may be thrown).
 * @param {unknown} error
 * @returns {string}
 */
export function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The HTTP status of a failed call, if it has one.
 * @param {unknown} error
 * @returns {number | undefined}
 */
export function errorStatus(error) {
  const status = /** @type {{status?: unknown}} */ (error)?.status;
  return typeof status === "number" ? status : undefined;
}
