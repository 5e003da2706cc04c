// The Coverage view: which behaviours of the API the traffic exercised since the emulator
// started (resets kept), per endpoint it called (or, when asked, over the whole API), and for
// each one never exercised how a test makes it happen.

import { call } from "./api.js";
import { breakable, byId, h, replace } from "./dom.js";

const WHOLE_API = "coverage-whole-api";

// Redraw the view with `refresh` when the scope box changes.
export function setUpCoverage(refresh) {
  byId(WHOLE_API).addEventListener("change", refresh);
}

export async function renderCoverage() {
  const coverage = await call("GET", byId(WHOLE_API).checked ? "coverage?scope=api" : "coverage");
  const groups = new Map();
  for (const behaviour of coverage.behaviours) {
    if (!groups.has(behaviour.endpoint)) groups.set(behaviour.endpoint, []);
    groups.get(behaviour.endpoint).push(behaviour);
  }
  const over = coverage.scope === "api" ? "over the whole API" : "over the endpoints called";
  const parts = [
    h(
      "p",
      { id: "coverage-headline", className: "facts" },
      `${coverage.exercised} of ${coverage.total} behaviours exercised (${coverage.percent}%) by ${coverage.requests} request(s) since the emulator started, ${over}.`,
    ),
  ];
  if (coverage.unread > 0) {
    parts.push(h("p", { className: "muted" }, `${coverage.unread} journaled request(s) were dropped before coverage read them.`));
  }
  const names = new Map(coverage.groups.map((group) => [group.id, group.name]));
  for (const [endpoint, members] of groups) parts.push(groupSection(names.get(endpoint) ?? endpoint, members));
  if (coverage.outside.behaviours > 0) {
    parts.push(
      h(
        "p",
        { id: "coverage-outside", className: "muted" },
        `Not called: ${coverage.outside.endpoints} endpoint(s), ${coverage.outside.behaviours} behaviours more (the whole API box counts them).`,
      ),
    );
  }
  replace(byId("coverage"), parts);
}

function groupSection(name, members) {
  const done = members.filter((behaviour) => behaviour.count > 0).length;
  const rows = members.map((behaviour) =>
    h(
      "tr",
      { className: behaviour.count > 0 ? "exercised" : "never", "data-behaviour": behaviour.id },
      h("td", {}, behaviour.count > 0 ? "yes" : "never"),
      h("td", {}, behaviour.title, " ", h("code", {}, behaviour.id)),
      h("td", { className: "num" }, String(behaviour.count)),
      h("td", {}, behaviour.count > 0 ? "" : behaviour.hint),
    ),
  );
  return h(
    "section",
    { className: "coverage-group" },
    h("h2", {}, ...breakable(name), " ", h("span", { className: "muted" }, `${done} of ${members.length}`)),
    h(
      "div",
      { className: "table-wrap" },
      h(
        "table",
        { className: "coverage" },
        h("thead", {}, h("tr", {}, h("th", {}, "Exercised"), h("th", {}, "Behaviour"), h("th", {}, "Times"), h("th", {}, "How a test makes it happen"))),
        h("tbody", {}, rows),
      ),
    ),
  );
}
