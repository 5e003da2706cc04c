// Build elements from untrusted data safely: text is always a text node, never parsed as HTML.

const PROPERTIES = new Set([
  "className", "id", "type", "value", "title", "disabled", "checked", "hidden", "name",
  "htmlFor", "min", "max", "step", "placeholder", "colSpan", "tabIndex", "selected",
]);

// h("td", {className: "num"}, "text", childElement): attributes from a fixed list only.
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (PROPERTIES.has(key)) {
      element[key] = value;
    } else if (key.startsWith("aria-") || key.startsWith("data-") || key === "role") {
      element.setAttribute(key, String(value));
    } else {
      throw new Error(`h(): unsupported property ${key}`);
    }
  }
  append(element, ...children);
  return element;
}

// Append children: elements as they are, anything else as text.
export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replace every child of `parent`.
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

export function byId(id) {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`no element #${id}`);
  return element;
}

// Show a message in an element for a while (role=status elements announce it).
export function say(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle("error", isError);
}

// `action` as an event handler whose failure is shown (in `where`, else the page's notice line).
export function reporting(action, where = null) {
  const show = (error) => say(where ?? byId("notice"), error.message, true);
  return (...args) => {
    try {
      // Called at once, so an async handler's preventDefault() runs before the event is done.
      Promise.resolve(action(...args)).catch(show);
    } catch (error) {
      show(error);
    }
  };
}

// `path` with a line-break opportunity after each slash (text nodes and <wbr>, never markup).
export function breakable(path) {
  return path.split("/").flatMap((part, index) => (index === 0 ? [part] : ["/", h("wbr"), part]));
}
