// The Activities view: each activity type's activities with their current values, and each
// activity's history from the trigger events (field, old value, new value, when).

import { call } from "./api.js";
import { byId, h, replace } from "./dom.js";

const expanded = new Map(); // activity type -> the activity whose history is shown

export async function renderActivities() {
  const [types, activities, events] = await Promise.all([
    call("GET", "activity-types"),
    call("GET", "activities"),
    call("GET", "events"),
  ]);
  const history = new Map();
  for (const event of events.events) {
    const list = history.get(event.ProspectActivityId) ?? [];
    list.push(event);
    history.set(event.ProspectActivityId, list);
  }
  const byType = new Map(types.ActivityTypes.map((type) => [type.ActivityEvent, []]));
  for (const activity of activities.Activities) {
    if (!byType.has(activity.ActivityEvent)) byType.set(activity.ActivityEvent, []);
    byType.get(activity.ActivityEvent).push(activity);
  }
  const known = new Map(types.ActivityTypes.map((type) => [type.ActivityEvent, type]));
  const sections = [];
  for (const [code, list] of byType) {
    const type = known.get(code) ?? { ActivityEvent: code, ActivityEventName: "(unknown type)", Fields: [] };
    sections.push(typeSection(type, list, history));
  }
  if (sections.length === 0) sections.push(h("p", { className: "muted" }, "The store is empty."));
  replace(byId("activities"), sections);
}

function typeSection(type, activities, history) {
  const fields = type.Fields;
  const names = new Map(fields.map((field) => [field.SchemaName, field.DisplayName ?? field.SchemaName]));
  const head = h(
    "tr",
    {},
    h("th", {}, "Activity"),
    h("th", {}, "Lead"),
    h("th", {}, "Modified"),
    fields.map((field) => h("th", { title: field.SchemaName }, names.get(field.SchemaName))),
    h("th", {}, "History"),
  );
  // One activity's history at a time per type, below its table (the table may be scrolled).
  const panel = h("div", { className: "history" });
  const toggles = new Map();
  const showHistory = (activityId) => {
    if (activityId === null) expanded.delete(type.ActivityEvent);
    else expanded.set(type.ActivityEvent, activityId);
    for (const [id, toggle] of toggles) toggle.setAttribute("aria-expanded", String(id === activityId));
    replace(
      panel,
      activityId === null
        ? []
        : [h("h3", {}, "History of ", h("code", {}, activityId)), historyTable(history.get(activityId) ?? [], names)],
    );
  };
  const body = h("tbody");
  for (const activity of activities) {
    const id = activity.ProspectActivityId;
    const count = (history.get(id) ?? []).length;
    const toggle = h("button", { type: "button", "aria-expanded": "false" }, `${count} event${count === 1 ? "" : "s"}`);
    toggle.addEventListener("click", () => showHistory(expanded.get(type.ActivityEvent) === id ? null : id));
    toggles.set(id, toggle);
    body.append(
      h(
        "tr",
        {},
        h("td", { className: "id" }, id),
        h("td", { className: "id" }, activity.RelatedProspectId),
        h("td", { className: "time" }, activity.ModifiedOn ?? ""),
        fields.map((field) => h("td", {}, shown(activity.Fields?.[field.SchemaName]))),
        h("td", {}, toggle),
      ),
    );
  }
  const open = expanded.get(type.ActivityEvent);
  showHistory(toggles.has(open) ? open : null);
  return h(
    "section",
    { className: "activity-type" },
    h("h2", {}, type.ActivityEventName, " ", h("span", { className: "muted" }, `ActivityEvent ${type.ActivityEvent} · ${activities.length} ${activities.length === 1 ? "activity" : "activities"}`)),
    h("div", { className: "table-wrap" }, h("table", { className: "activities" }, h("thead", {}, head), body)),
    panel,
  );
}

function historyTable(events, names) {
  if (events.length === 0) return h("p", { className: "muted" }, "No trigger events for this activity.");
  const rows = [];
  for (const event of events) {
    for (const change of event.Changes) {
      rows.push(
        h(
          "tr",
          {},
          h("td", {}, names.get(change.SchemaName) ?? change.SchemaName, " ", h("code", {}, change.SchemaName)),
          h("td", {}, shown(change.OldValue)),
          h("td", {}, shown(change.NewValue)),
          h("td", { className: "time" }, event.Timestamp),
          h("td", {}, event.EventType),
        ),
      );
    }
  }
  return h(
    "table",
    { className: "changes" },
    h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Old value"), h("th", {}, "New value"), h("th", {}, "When"), h("th", {}, "Event"))),
    h("tbody", {}, rows),
  );
}

function shown(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
