// The Requests view: the journal as a live table (polled for what is new only), and one request
// opened in full with each violating JSON path marked.

import { call } from "./api.js";
import { breakable, byId, h, replace, reporting, say } from "./dom.js";
import { showRequest } from "./detail.js";

const PAGE_SIZE = 100;
const READ_LIMIT = 2000;

const journal = { rows: [], last: 0, page: 0, selected: null, changed: [] };

// Called with nothing when the journal gained or lost entries (the activities may have moved).
export function onJournalChange(listener) {
  journal.changed.push(listener);
}

let polling = Promise.resolve();

// Read what the journal gained since the last look; one read at a time, so no row comes twice.
export function pollJournal() {
  polling = polling.then(readNew, readNew);
  return polling;
}

// Read the entries after the newest one shown (in pages of READ_LIMIT); drop what was forgotten.
async function readNew() {
  let changed = false;
  for (;;) {
    const answer = await call("GET", `requests?after=${journal.last}&limit=${READ_LIMIT}&summary=true`);
    if (answer.last < journal.last) {
      journal.rows = []; // the journal started again from 1
      journal.last = 0;
      changed = true;
      continue;
    }
    if (journal.rows.length > 0 && journal.rows[0].seq < answer.first) {
      journal.rows = journal.rows.filter((row) => row.seq >= answer.first);
      changed = true;
    }
    if (answer.requests.length > 0) {
      journal.rows.push(...answer.requests);
      journal.last = answer.requests[answer.requests.length - 1].seq;
      changed = true;
    }
    if (answer.requests.length < READ_LIMIT) break;
  }
  if (changed) {
    renderTable();
    journal.changed.forEach((listener) => listener());
  }
}

export function setUpRequests() {
  for (const id of ["filter-violations", "filter-status", "filter-path"]) {
    byId(id).addEventListener("input", () => {
      journal.page = 0;
      renderTable();
    });
  }
  byId("filters").addEventListener("submit", (event) => event.preventDefault());
  byId("page-newer").addEventListener("click", () => turnPage(-1));
  byId("page-older").addEventListener("click", () => turnPage(1));
  renderTable();
}

function turnPage(step) {
  journal.page = Math.max(0, journal.page + step);
  renderTable();
}

function statusMatches(status, wanted) {
  if (wanted === "") return true;
  if (/^[1-5]xx$/i.test(wanted)) return Math.floor(status / 100) === Number(wanted[0]);
  return String(status) === wanted;
}

function visibleRows() {
  const violationsOnly = byId("filter-violations").checked;
  const status = byId("filter-status").value.trim();
  const path = byId("filter-path").value.trim().toLowerCase();
  const rows = [];
  for (let index = journal.rows.length - 1; index >= 0; index -= 1) {
    const row = journal.rows[index];
    if (violationsOnly && row.violations === 0) continue;
    if (!statusMatches(row.status, status)) continue;
    if (path && !row.path.toLowerCase().includes(path)) continue;
    rows.push(row);
  }
  return rows; // newest first
}

function renderTable() {
  const rows = visibleRows();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  journal.page = Math.min(journal.page, pages - 1);
  const start = journal.page * PAGE_SIZE;
  const shown = rows.slice(start, start + PAGE_SIZE);
  replace(byId("requests-body"), shown.map(tableRow));
  if (shown.length === 0) {
    const empty = journal.rows.length === 0 ? "No requests yet." : "No request matches the filters.";
    byId("requests-body").append(h("tr", {}, h("td", { colSpan: 8, className: "empty" }, empty)));
  }
  say(
    byId("page-info"),
    rows.length === 0 ? "" : `${start + 1}–${start + shown.length} of ${rows.length} (page ${journal.page + 1} of ${pages})`,
  );
  byId("page-newer").disabled = journal.page === 0;
  byId("page-older").disabled = journal.page >= pages - 1;
  say(byId("journal-count"), `${journal.rows.length} in the journal`);
}

function tableRow(row) {
  const open = h("button", { type: "button", className: "link", "aria-label": `Open request ${row.seq}` }, `#${row.seq}`);
  if (row.seq === journal.selected) open.setAttribute("aria-current", "true");
  const rows = row.rows === null ? "" : `${row.rows.saved} / ${row.rows.failed}`;
  const tr = h(
    "tr",
    { className: rowClass(row) },
    h("td", {}, open),
    h("td", { className: "time", title: row.timestamp }, row.timestamp.slice(11, 23)),
    h("td", {}, row.method),
    h("td", { className: "path", title: row.path }, breakable(row.path)),
    h("td", { className: "num" }, row.status),
    h("td", { className: row.rows?.failed ? "num bad" : "num" }, rows),
    h("td", { className: "num" }, row.violations === 0 ? "" : row.violations),
    h("td", {}, row.fault ?? ""),
  );
  tr.addEventListener("click", reporting(() => openRequest(row.seq))); // the button's click too
  return tr;
}

function rowClass(row) {
  const classes = [];
  if (row.violations > 0 || (row.rows !== null && row.rows.failed > 0)) classes.push("has-violations");
  if (row.status >= 400) classes.push("failed");
  if (row.seq === journal.selected) classes.push("selected");
  return classes.join(" ");
}

// Mark request `seq` in the table and show it in full beside it.
export async function openRequest(seq) {
  journal.selected = seq;
  renderTable();
  history.replaceState(null, "", requestLink(seq)); // the address is the request's deep link
  await showRequest(seq);
}

// The inspector's deep link to request `seq` (what `lsq-mock check` and the plugin print).
export function requestLink(seq) {
  return `#/requests/${seq}`;
}

// The request a deep link names (`#/requests/12`), or null.
export function linkedRequest(hash) {
  const found = /^#\/requests\/([1-9][0-9]{0,17})$/.exec(hash);
  return found === null ? null : Number(found[1]);
}
