// The Controls view: reset, forget the journal, queue faults, move the clock, change the rate
// limits. Each control says what it did and the page shows the new state at once.

import { call } from "./api.js";
import { byId, h, replace, reporting, say } from "./dom.js";

let onStateChange = () => {};

// `changed` runs after each control changed the emulator (to refresh the other views).
export function setUpControls(changed) {
  onStateChange = changed;
  const result = byId("control-result");
  const act = (id, action) =>
    byId(id).addEventListener(
      "submit",
      reporting(async (event) => {
        event.preventDefault();
        const message = await action(event.submitter);
        say(result, message);
        await onStateChange();
      }, result),
    );
  act("reset-form", async (button) => {
    const empty = button?.value === "empty";
    const answer = await call("POST", "reset", { empty });
    return `Reset${empty ? " to an empty store" : ""}: ${answer.ActivityTypes} activity types, ${answer.Activities} activities.`;
  });
  act("journal-form", async () => {
    await call("DELETE", "requests");
    return "The journal was forgotten.";
  });
  act("fault-form", async () => {
    // Only the fields shown for the kind: a hidden latency must not slow a status fault down.
    const fault = { kind: byId("fault-kind").value, times: Number(byId("fault-times").value) };
    if (fault.kind === "status") {
      fault.status = Number(byId("fault-status").value);
      const message = byId("fault-message").value.trim();
      if (message) fault.message = message;
    }
    if (fault.kind === "latency") fault.latency_seconds = Number(byId("fault-latency").value);
    const path = byId("fault-path").value.trim();
    if (path) fault.path = path;
    await call("POST", "faults", fault);
    return `Queued a ${fault.kind} fault for the next ${fault.times} call(s).`;
  });
  act("faults-clear-form", async () => {
    await call("DELETE", "faults");
    return "Every queued fault was dropped.";
  });
  const moveClock = async (body) => `The clock reads ${(await call("POST", "clock", body)).now} UTC.`;
  act("clock-advance-form", (button) =>
    moveClock({ advance: Number(button?.dataset.seconds ?? byId("clock-advance").value) }),
  );
  act("clock-set-form", () => moveClock({ set: byId("clock-set").value.trim() }));
  act("clock-real-form", () => moveClock({ real: true }));
  byId("fault-kind").addEventListener("change", showFaultFields);
  showFaultFields();
}

function showFaultFields() {
  const kind = byId("fault-kind").value;
  byId("fault-status-field").hidden = kind !== "status";
  byId("fault-message-field").hidden = kind !== "status";
  byId("fault-latency-field").hidden = kind !== "latency";
}

// Show the queued faults and the config's limits as the emulator has them now.
export async function renderControls() {
  const [config] = await Promise.all([call("GET", "config"), renderFaults()]);
  renderLimits(config);
}

// Show the faults still queued (API calls use them up).
export async function renderFaults() {
  const faults = await call("GET", "faults");
  const list = byId("fault-list");
  replace(
    list,
    faults.faults.length === 0
      ? h("li", { className: "muted" }, "No fault queued.")
      : faults.faults.map((fault) => h("li", {}, describeFault(fault))),
  );
}

function describeFault(fault) {
  const what = fault.kind === "status" ? `status ${fault.status}` : fault.kind === "latency" ? `latency ${fault.latency_seconds} s` : fault.kind;
  return `${what}, ${fault.times} more call(s)${fault.path ? `, paths containing ${fault.path}` : ""}`;
}

// Every limit of the config ({calls, seconds} under any key), each with its own form.
function renderLimits(config) {
  const holder = byId("limits");
  const forms = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === null || typeof value !== "object" || !("calls" in value) || !("seconds" in value)) continue;
    forms.push(limitForm(key, value));
  }
  replace(holder, forms.length === 0 ? h("p", { className: "muted" }, "This emulator has no rate limit setting.") : forms);
}

function limitForm(key, limit) {
  const calls = h("input", { type: "number", min: 0, step: 1, value: limit.calls, id: `limit-${key}-calls` });
  const seconds = h("input", { type: "number", min: 0.001, step: "any", value: limit.seconds, id: `limit-${key}-seconds` });
  const form = h(
    "form",
    { className: "limit", "data-limit": key },
    h("span", { className: "limit-name" }, key.replaceAll("_", " "), limit.calls === 0 ? " (off)" : ""),
    h("span", { className: "inline" }, calls, h("label", { htmlFor: calls.id }, "calls per"), seconds, h("label", { htmlFor: seconds.id }, "seconds"), h("button", { type: "submit" }, "Apply")),
  );
  form.addEventListener(
    "submit",
    reporting(async (event) => {
      event.preventDefault();
      const config = await call("PATCH", "config", { [key]: { calls: Number(calls.value), seconds: Number(seconds.value) } });
      const now = config[key];
      say(byId("control-result"), `${key}: ${now.calls} calls per ${now.seconds} s${now.calls === 0 ? " (off)" : ""}.`);
      await onStateChange();
    }, byId("control-result")),
  );
  return form;
}
