// The inspector page: tabs, the polling loop, and the clock in the header.

import { call } from "./api.js";
import { renderActivities } from "./activities.js";
import { renderControls, renderFaults, setUpControls } from "./controls.js";
import { renderCoverage, setUpCoverage } from "./coverage.js";
import { byId, say } from "./dom.js";
import { linkedRequest, onJournalChange, openRequest, pollJournal, setUpRequests } from "./requests.js";

const POLL_MS = 500;
const VIEWS = ["requests", "activities", "controls", "coverage"];
let current = "requests";
let activitiesStale = true;
let coverageStale = true;

function show(view) {
  current = view;
  for (const name of VIEWS) {
    const tab = byId(`tab-${name}`);
    const selected = name === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`view-${name}`).hidden = !selected;
  }
  refreshView(true).catch(showProblem);
}

// Bring the view shown up to date; `whole` also redraws the forms (not while someone types).
async function refreshView(whole = false) {
  if (current === "activities" && activitiesStale) {
    activitiesStale = false;
    await renderActivities();
  } else if (current === "controls") {
    await (whole ? renderControls() : renderFaults());
  } else if (current === "coverage" && (coverageStale || whole)) {
    coverageStale = false;
    await renderCoverage();
  }
}

function setUpTabs() {
  VIEWS.forEach((name, index) => {
    const tab = byId(`tab-${name}`);
    tab.addEventListener("click", () => show(name));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step === undefined) return;
      const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length];
      show(next);
      byId(`tab-${next}`).focus();
    });
  });
}

async function showClock() {
  const clock = await call("GET", "clock");
  say(byId("clock"), `Emulator clock ${clock.now} UTC`);
}

function showProblem(error) {
  say(byId("notice"), error.message, true);
}

// Poll the journal and the clock; a failure is shown and retried on the next tick.
async function tick() {
  try {
    await Promise.all([pollJournal(), showClock()]);
    document.body.dataset.ready = "true"; // the journal and the clock were read at least once
    if (byId("notice").classList.contains("error")) say(byId("notice"), "");
    await refreshView();
  } catch (error) {
    showProblem(error);
  }
  setTimeout(tick, POLL_MS);
}

// Open the request a deep link names (`/_mock/ui/#/requests/12`), on the requests tab.
async function followLink() {
  const seq = linkedRequest(location.hash);
  if (seq === null) return;
  show("requests");
  await openRequest(seq);
}

async function start() {
  setUpTabs();
  setUpRequests();
  onJournalChange(() => {
    activitiesStale = true;
    coverageStale = true;
  });
  setUpCoverage(() => refreshView(true).catch(showProblem));
  setUpControls(async () => {
    activitiesStale = true;
    coverageStale = true;
    await Promise.all([pollJournal(), showClock(), refreshView(true)]);
  });
  await call("GET", "config"); // asks for the token first, if the server has one
  window.addEventListener("hashchange", () => followLink().catch(showProblem));
  tick();
  await followLink();
}

start().catch(showProblem);
