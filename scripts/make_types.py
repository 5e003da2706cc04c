"""Write lsq_mock/journal/types.py: TypedDicts of the public JSON records (a journal entry, a
verdict, a violation, a fault, a trigger event) made from their JSON Schemas, so the schemas
stay the one definition and a user's type checker sees the same keys.

    python -m scripts.make_types            # write the module
    python -m scripts.make_types --check    # exit 1 if it is out of date (CI)

Only the schema keywords these records use are read: `type` (one or a list), `enum`, `$ref` (to
another schema file or to a `$defs` entry), `oneOf` of alternatives, `items`, `properties`,
`required`, `additionalProperties`; `true` is Any.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
OUT = ROOT / "mockserver" / "lsq_mock" / "journal" / "types.py"
RECORDS = {
    "fault.schema.json": "FaultEntry",
    "violation.schema.json": "ViolationEntry",
    "journal-entry.schema.json": "JournalEntry",
    "verdict.schema.json": "VerdictEntry",
    "event.schema.json": "EventEntry",
}
"""Each schema file made into a TypedDict, by the name it gets (in the order written)."""
LINE_LENGTH = 100
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


class Writer:
    """Turns schema nodes into type expressions, collecting the extra TypedDicts they need."""

    def __init__(self, record: str) -> None:
        self.record = record
        self.extra: dict[str, str] = {}

    def type_of(self, node: Any, document: dict[str, Any], name: str) -> str:
        """The type expression of schema `node` of `document` (`name` for a nested record)."""
        if node is True or node == {}:
            return "Any"
        if "$ref" in node:
            return self.ref(node["$ref"], document, name)
        if "enum" in node:
            values = [_literal(value) for value in node["enum"] if value is not None]
            literal = f"Literal[{', '.join(values)}]"
            return f"{literal} | None" if None in node["enum"] else literal
        if "const" in node:
            return f"Literal[{_literal(node['const'])}]"
        for key in ("oneOf", "anyOf"):
            if key in node:
                return _union(self.type_of(branch, document, name) for branch in node[key])
        kinds = node.get("type")
        if isinstance(kinds, list):
            return _union(self.type_of({**node, "type": kind}, document, name) for kind in kinds)
        if kinds == "array":
            return f"list[{self.type_of(node.get('items', True), document, name)}]"
        if kinds == "object":
            return self.object_type(node, document, name)
        if kinds in SCALARS:
            return SCALARS[kinds]
        return "Any"

    def ref(self, target: str, document: dict[str, Any], name: str) -> str:
        file, _, pointer = target.partition("#")
        if file:
            return RECORDS[file]
        node = document
        for part in filter(None, pointer.split("/")):
            node = node[part]
        return self.type_of(node, document, self.record + _camel(pointer.rsplit("/", 1)[-1]))

    def object_type(self, node: dict[str, Any], document: dict[str, Any], name: str) -> str:
        properties = node.get("properties")
        if not properties:
            values = node.get("additionalProperties", True)
            return f"dict[str, {self.type_of(values, document, name)}]"
        if name not in self.extra:
            self.extra[name] = self.typed_dict(name, node, document)
        return name

    def typed_dict(self, name: str, node: dict[str, Any], document: dict[str, Any]) -> str:
        """The class statement of a TypedDict for object schema `node`."""
        required = set(node.get("required", ()))
        described = node.get("description") or node.get("title")
        doc = described.split(". ")[0].rstrip(".") if described else f"Part of a {self.record}"
        lines = [f"class {name}(TypedDict):", _docstring(doc + "."), ""]
        for key, value in node["properties"].items():
            kind = self.type_of(value, document, name + _camel(key))
            lines.append(f"    {key}: {kind if key in required else f'NotRequired[{kind}]'}")
        return "\n".join(lines)


def _camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in text.replace("-", "_").split("_"))


def _literal(value: Any) -> str:
    return "None" if value is None else json.dumps(value)


def _union(kinds: Any) -> str:
    unique = list(dict.fromkeys(kinds))
    if "None" in unique:  # None last, as ruff writes unions
        unique = [*(kind for kind in unique if kind != "None"), "None"]
    return " | ".join(unique)


def _docstring(text: str) -> str:
    """`text` as a class docstring, wrapped as ruff keeps lines (at most 100 characters)."""
    if len(text) + 10 <= LINE_LENGTH:
        return f'    """{text}"""'
    lines = textwrap.wrap(text, LINE_LENGTH - 4, initial_indent='"""', subsequent_indent="")
    return textwrap.indent("\n".join(lines) + '\n"""', "    ")


def module_text() -> str:
    """The whole module, as written."""
    blocks = []
    for file, name in RECORDS.items():
        document = json.loads((SCHEMAS / file).read_text(encoding="utf-8"))
        writer = Writer(name)
        main = writer.typed_dict(name, document, document)
        blocks.extend([*writer.extra.values(), main])
    header = (
        '"""The public JSON records as TypedDicts, for type checkers: a journal entry, a\n'
        "verdict, a violation, a fault and a trigger event, each with the keys and types of its\n"
        "JSON Schema.\n\n"
        "Generated by `python -m scripts.make_types` from schemas/: do not edit.\n"
        '"""\n\n'
        "# No `from __future__ import annotations`: a TypedDict reads NotRequired[...] only from\n"
        "# evaluated annotations (each record refers only to those above it).\n"
        "from typing import Any, Literal, NotRequired, TypedDict\n"
    )
    return header + "\n\n" + "\n\n\n".join(blocks) + "\n"


def main() -> None:
    """Write the module, or with --check say whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    text = module_text()
    if parser.parse_args().check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"out of date: {OUT.relative_to(ROOT)} (python -m scripts.make_types)")
            sys.exit(1)
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
