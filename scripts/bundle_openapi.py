"""Write schemas/openapi.bundled.json: schemas/openapi.json with every schema it uses inlined
under `components/schemas`, for tools whose resolver cannot follow references into other files
or into their `$defs` (Prism, Swagger UI, code generators). Generated, never edited: `--check`
only compares (a test runs it), so the bundle cannot drift from the modular schemas.

    python -m scripts.bundle_openapi [--check]

Each `X.schema.json` becomes `components/schemas/X`, and each of its `$defs` entries `D`
becomes `components/schemas/X_D`; every `$ref` (`X.schema.json`, `X.schema.json#/$defs/D`,
`#/$defs/D`, `#/properties/...`) is rewritten to point there.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
MODULAR = SCHEMAS / "openapi.json"
BUNDLED = SCHEMAS / "openapi.bundled.json"
SUFFIX = ".schema.json"
COMPONENTS = "#/components/schemas/"
DROPPED_KEYS = ("$schema", "$id", "$defs")
"""What a schema file holds that means nothing once it is a component (its `$defs` become
components of their own)."""


def component_name(file_name: str, definition: str | None = None) -> str:
    """The component a schema file (or one of its `$defs`) becomes: `X` or `X_D`."""
    name = file_name.removesuffix(SUFFIX)
    return name if definition is None else f"{name}_{definition}"


def rewritten_ref(ref: str, current: str | None) -> str:
    """`ref`, read in schema file `current` (None: the OpenAPI document), as a pointer into
    `components/schemas`."""
    target, _, pointer = ref.partition("#")
    if not target:
        if current is None:
            return ref  # the document's own components (responses, parameters)
        target = current
    if not target.endswith(SUFFIX):
        raise ValueError(f"{current or MODULAR.name}: cannot bundle the reference {ref!r}")
    if pointer.startswith("/$defs/"):
        definition, _, rest = pointer.removeprefix("/$defs/").partition("/")
        return COMPONENTS + component_name(target, definition) + (f"/{rest}" if rest else "")
    return COMPONENTS + component_name(target) + pointer


def with_refs_rewritten(node: Any, current: str | None) -> Any:
    """A copy of `node` whose every `$ref` is rewritten (`rewritten_ref`)."""
    if isinstance(node, dict):
        return {
            key: rewritten_ref(value, current)
            if key == "$ref" and isinstance(value, str)
            else with_refs_rewritten(value, current)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [with_refs_rewritten(item, current) for item in node]
    return node


def bundled(modular: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI document `modular` with every schema file of `schemas` as components."""
    components: dict[str, Any] = {}
    for file_name, schema in sorted(schemas.items()):
        kept = {key: value for key, value in schema.items() if key not in DROPPED_KEYS}
        components[component_name(file_name)] = with_refs_rewritten(kept, file_name)
        for definition, body in schema.get("$defs", {}).items():
            components[component_name(file_name, definition)] = with_refs_rewritten(body, file_name)
    document = with_refs_rewritten(modular, None)
    document["components"] = {**document.get("components", {}), "schemas": components}
    return document


def render() -> str:
    """The bundled document's text, as written to BUNDLED."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMAS.glob(f"*{SUFFIX}"))
    }
    document = bundled(json.loads(MODULAR.read_text(encoding="utf-8")), schemas)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write (or with --check, compare) the bundled document; 1 if it is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a change")
    check = parser.parse_args().check
    wanted = render()
    current = BUNDLED.read_text(encoding="utf-8") if BUNDLED.is_file() else None
    if current == wanted:
        return 0
    if check:
        print(f"out of date: {BUNDLED.relative_to(ROOT)} (python -m scripts.bundle_openapi)")
        return 1
    BUNDLED.write_text(wanted, encoding="utf-8")
    print(f"wrote {BUNDLED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
