// One request in full: the body pretty-printed with each violating JSON path marked and its rule
// and message beside it, the query, the headers (secret key redacted by the server), the answer.

import { call } from "./api.js";
import { append, breakable, byId, h, replace } from "./dom.js";
import { jsonView } from "./jsonview.js";

// Show request `seq` in full: fetched alone (after=seq-1, limit=1), since the table holds rows only.
export async function showRequest(seq) {
  const detail = byId("detail");
  replace(detail, h("p", { className: "muted" }, `Loading request #${seq}…`));
  const answer = await call("GET", `requests?after=${seq - 1}&limit=1`);
  const entry = answer.requests[0];
  if (entry === undefined || entry.seq !== seq) {
    replace(detail, ...(await verdictView(seq)));
  } else {
    replace(detail, ...entryView(entry));
  }
  detail.focus({ preventScroll: true });
}

// A request the journal no longer holds (a reset emptied it): its verdict, which the run keeps.
async function verdictView(seq) {
  const answer = await call("GET", "verdicts");
  const verdict = answer.verdicts.find((found) => found.request === seq);
  const gone = h("p", { className: "muted" }, `Request #${seq} is no longer in the journal.`);
  if (verdict === undefined) return [gone];
  const heading = h("h2", { id: "detail-title" }, `#${seq} ${verdict.method} `, h("span", { className: "path" }, breakable(verdict.path)));
  const facts = h("p", { className: "facts" }, `${verdict.timestamp} · status ${verdict.status}`);
  const note = h("p", { className: "muted" }, "A reset emptied the journal since: only its verdict is kept, not its bodies.");
  const findings = verdict.findings;
  const list = findings.length === 0 ? h("p", { className: "muted" }, "None.") : violationList(findings, new Map());
  return [heading, facts, note, h("h3", {}, `Contract violations (${findings.length})`), list];
}

function entryView(entry) {
  const heading = h("h2", { id: "detail-title" }, `#${entry.seq} ${entry.method} `, h("span", { className: "path" }, breakable(entry.path)));
  const facts = h(
    "p",
    { className: "facts" },
    `${entry.timestamp} · status ${entry.status}`,
    entry.fault ? ` · fault: ${entry.fault.kind}` : "",
  );
  const parts = [heading, facts];
  const violations = entry.contract;
  const body = bodyView(entry.body, violations, entry.body_truncated);
  parts.push(h("h3", {}, `Contract violations (${violations.length})`));
  parts.push(violations.length === 0 ? h("p", { className: "muted" }, "None.") : violationList(violations, body.lineOf));
  parts.push(h("h3", {}, "Request body"), body.element);
  if (Object.keys(entry.query).length > 0) {
    parts.push(h("h3", {}, "Query"), pairs(entry.query, violations.map((v) => String(v.path))));
  }
  parts.push(h("h3", {}, "Headers"), pairs(entry.headers, []));
  parts.push(h("h3", {}, "Answer"));
  parts.push(answerView(entry.response, entry.response_truncated));
  return parts;
}

function bodyView(body, violations, cut) {
  if (cut) return { element: cutView(body, cut), lineOf: new Map() };
  if (body === null) return { element: h("p", { className: "muted" }, "(empty)"), lineOf: new Map() };
  if (typeof body === "string") return { element: h("pre", { className: "json" }, body), lineOf: new Map() }; // sent as text
  return jsonView(body, violations);
}

function answerView(response, cut) {
  if (cut) return cutView(response, cut);
  if (response === null) return h("p", { className: "muted" }, "Not JSON (or cut short by a fault).");
  return jsonView(response).element;
}

// A body the journal kept only in part (over its size budget): what is known of the whole, then
// the part kept, as text.
function cutView(text, cut) {
  const note = h(
    "p",
    { className: "muted cut" },
    `Cut short in the journal: ${cut.kept.toLocaleString("en")} of ${cut.length.toLocaleString("en")} bytes kept; SHA-256 of the whole: `,
    h("code", {}, cut.sha256),
  );
  if (!text) return h("div", {}, note);
  return h("div", {}, note, h("pre", { className: "json" }, text));
}

// Each violation: its path (a button to the marked line of the body, when it has one), rule, message.
function violationList(violations, lineOf) {
  const list = h("ul", { className: "violations" });
  for (const violation of violations) {
    const line = lineOf.get(violation);
    let where = h("code", {}, violation.path);
    if (line !== undefined) {
      where = h("button", { type: "button", className: "link", title: "Show it in the body" }, where);
      where.addEventListener("click", () => {
        line.scrollIntoView({ block: "center" });
        line.focus({ preventScroll: true });
      });
    }
    const item = h(
      "li",
      {},
      where,
      " ",
      h("span", { className: "rule" }, violation.rule),
      " ",
      h("span", { className: `kind kind-${violation.kind}` }, violation.kind),
      " ",
      violation.message,
    );
    if (violation.row !== null && violation.row !== undefined) append(item, ` (row ${violation.row})`);
    if (typeof violation.hint === "string") append(item, " ", h("span", { className: "hint" }, `Hint: ${violation.hint}`));
    list.append(item);
  }
  return list;
}

function pairs(object, markedKeys) {
  const table = h("table", { className: "pairs" });
  for (const [key, value] of Object.entries(object)) {
    const marked = markedKeys.includes(`?${key}`);
    table.append(h("tr", { className: marked ? "violating" : "" }, h("th", {}, key), h("td", {}, value)));
  }
  return table;
}
