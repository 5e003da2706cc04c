// The Coverage view: which behaviours of the API the traffic exercised since the emulator
// started (resets kept), per endpoint, and for each one never exercised how a test makes it happen.

import { call } from "./api.js";
import { breakable, byId, h, replace } from "./dom.js";

export async function renderCoverage() {
  const coverage = await call("GET", "coverage");
  const groups = new Map();
  for (const behaviour of coverage.behaviours) {
    if (!groups.has(behaviour.endpoint)) groups.set(behaviour.endpoint, []);
    groups.get(behaviour.endpoint).push(behaviour);
  }
  const parts = [
    h(
      "p",
      { id: "coverage-headline", className: "facts" },
      `${coverage.exercised} of ${coverage.total} behaviours exercised (${coverage.percent}%) by ${coverage.requests} request(s) since the emulator started.`,
    ),
  ];
  if (coverage.unread > 0) {
    parts.push(h("p", { className: "muted" }, `${coverage.unread} journaled request(s) were dropped before coverage read them.`));
  }
  const names = new Map(coverage.groups.map((group) => [group.id, group.name]));
  for (const [endpoint, members] of groups) parts.push(groupSection(names.get(endpoint) ?? endpoint, members));
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
