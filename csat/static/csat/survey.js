// @ts-check
// The survey page: sends the chosen rating and comment to the public survey
// API (PUT, Chatwoot's body) and says how it went. The page draws every word
// server-side, translated; this module only reads them.

const main = /** @type {HTMLElement} */ (document.querySelector(".csat-survey"));
const form = /** @type {HTMLFormElement} */ (main.querySelector("form"));
const status = /** @type {HTMLElement} */ (form.querySelector(".csat-survey-status"));
const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));

/**
 * Show `text` in the status line (as text, never markup).
 * @param {string} text
 * @param {boolean} failed
 */
function say(text, failed) {
  status.textContent = text;
  status.classList.toggle("csat-survey-error", failed);
}

/**
 * Send the answer; true when the API took it.
 * @param {number} rating
 * @param {string} feedback
 * @returns {Promise<boolean>}
 */
async function send(rating, feedback) {
  const body = { message: { submitted_values: { csat_survey_response: { rating, feedback_message: feedback } } } };
  try {
    const response = await fetch(main.dataset.surveyUrl || "", {
      method: "PUT",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    return response.ok;
  } catch {
    return false;
  }
}

// A new choice clears what the last attempt said.
form.addEventListener("change", () => say("", false));

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const rating = Number(data.get("rating") || 0);
  if (!rating) {
    say(status.dataset.choose || "", true);
    return;
  }
  button.disabled = true;
  const sent = await send(rating, String(data.get("feedback_message") || ""));
  button.disabled = false;
  say((sent ? status.dataset.thanks : status.dataset.failed) || "", !sent);
});
