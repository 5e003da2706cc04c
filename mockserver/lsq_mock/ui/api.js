// Calls of the control plane, with the admin token when the server has one.

import { byId, say } from "./dom.js";

const TOKEN_KEY = "lsq-mock-admin-token";
const TOKEN_HEADER = "X-LSQ-Mock-Token";
// Marks a call as made by a script (a form cannot send it): the server's CSRF rule.
const CLIENT_HEADER = "X-LSQ-Mock-Client";
const ADMIN_ROOT = new URL("../", document.baseURI);

export class AdminError extends Error {}

let asking = null;

// The page cannot work without the token: Escape does not close its dialog.
byId("token-dialog").addEventListener("cancel", (event) => event.preventDefault());

// One admin call: its JSON answer, or AdminError with the envelope's message.
export async function call(method, path, body) {
  for (;;) {
    const response = await send(method, path, body, sessionStorage.getItem(TOKEN_KEY));
    if (response.status !== 401) return answer(response);
    sessionStorage.removeItem(TOKEN_KEY);
    await askForToken();
  }
}

async function send(method, path, body, token) {
  const headers = { Accept: "application/json", [CLIENT_HEADER]: "inspector" };
  if (token) headers[TOKEN_HEADER] = token;
  const init = { method, headers, cache: "no-store", credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return fetch(new URL(path, ADMIN_ROOT), init);
}

async function answer(response) {
  let data = null;
  try {
    data = await response.json();
  } catch {
    throw new AdminError(`${response.status}: the answer is not JSON`);
  }
  if (!response.ok) {
    const message = data && typeof data.ExceptionMessage === "string" ? data.ExceptionMessage : "";
    throw new AdminError(`${response.status}: ${message}`);
  }
  return data;
}

// Ask for the admin token once (every caller waiting on a 401 shares the one dialog);
// it is kept in sessionStorage: for this tab only, gone when the tab closes.
function askForToken() {
  if (asking === null) {
    asking = new Promise((resolve) => {
      const dialog = byId("token-dialog");
      const form = byId("token-form");
      const input = byId("token-input");
      const error = byId("token-error");
      say(error, "");
      const submit = async (event) => {
        event.preventDefault();
        const token = input.value;
        let response;
        try {
          response = await send("GET", "config", undefined, token);
        } catch {
          say(error, "Cannot reach the emulator.", true);
          return;
        }
        if (response.status === 401) {
          say(error, "The emulator refused that token.", true);
          input.select();
          return;
        }
        sessionStorage.setItem(TOKEN_KEY, token);
        form.removeEventListener("submit", submit);
        input.value = "";
        dialog.close();
        asking = null;
        resolve();
      };
      form.addEventListener("submit", submit);
      dialog.showModal();
      input.focus();
    });
  }
  return asking;
}
