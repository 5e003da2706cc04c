// Pretty-print a JSON value line by line, each line knowing its JSON path ($[1].Fields[0].Value),
// so the lines a contract violation points at can be marked, with the rule and message beside.

import { h } from "./dom.js";

const INDENT = "  ";

// A <pre> of `value`; `violations` ({path, rule, message}) mark the line of their path, or of
// the nearest enclosing value when the path names something absent (a missing key). Paths only
// ever become data-path attributes, never ids: a journaled key cannot clobber the page's ids.
export function jsonView(value, violations = []) {
  const lines = [];
  walk(value, "$", 0, null, "", lines);
  const byPath = new Map(lines.filter((line) => line.path !== null).map((line) => [line.path, line]));
  const placed = new Map();
  for (const violation of violations) {
    const line = nearestLine(byPath, String(violation.path));
    if (line !== null) {
      line.notes.push(violation);
      placed.set(violation, line);
    }
  }
  const pre = h("pre", { className: "json" });
  for (const line of lines) {
    line.element = h("div", { className: "line" }, line.text);
    if (line.path !== null) line.element.dataset.path = line.path;
    if (line.notes.length > 0) {
      line.element.classList.add("violating");
      line.element.tabIndex = -1;
      for (const note of line.notes) {
        line.element.append(h("span", { className: "note" }, `${note.rule}: ${note.message}`));
      }
    }
    pre.append(line.element);
  }
  // The line each violation marks (a Map keyed by the violation objects passed in).
  const lineOf = new Map([...placed].map(([violation, line]) => [violation, line.element]));
  return { element: pre, lineOf };
}

function walk(value, path, depth, key, comma, lines) {
  const pad = INDENT.repeat(depth);
  const label = key === null ? "" : `${JSON.stringify(key)}: `;
  const push = (text, linePath) => lines.push({ text, path: linePath, notes: [] });
  if (Array.isArray(value) || (value !== null && typeof value === "object")) {
    const isArray = Array.isArray(value);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    const entries = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
    if (entries.length === 0) {
      push(`${pad}${label}${open}${close}${comma}`, path);
      return;
    }
    push(`${pad}${label}${open}`, path);
    entries.forEach(([name, item], index) => {
      const childPath = isArray ? `${path}[${name}]` : `${path}.${name}`;
      const childComma = index < entries.length - 1 ? "," : "";
      walk(item, childPath, depth + 1, isArray ? null : name, childComma, lines);
    });
    push(`${pad}${close}${comma}`, null);
    return;
  }
  push(`${pad}${label}${JSON.stringify(value)}${comma}`, path);
}

// The line of `path`, else of its nearest ancestor ($[0].Fields[2].Value -> $[0].Fields[2] -> ...).
function nearestLine(byPath, path) {
  let current = path;
  while (current.startsWith("$")) {
    const line = byPath.get(current);
    if (line !== undefined) return line;
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    if (cut <= 0) return null;
    current = current.slice(0, cut);
  }
  return null;
}
