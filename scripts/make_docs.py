"""Write the docs' generated pages and sections (README's, the control plane's) from the code's
own lists: the rule catalogue, the fidelity ledger, the behaviour catalogue, the command line,
the HTTP routes (schemas/openapi.json), the vendor's APIs (scripts/vendor_apis_page.py), the
run-time configuration's keys
(schemas/admin-config.schema.json) and the Python API's members. `--check` only compares (CI runs it
through a test), so no list in the docs is written by hand twice.

    python -m scripts.make_docs [--check]
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS, GROUPS, group_name
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.catalogue.ledger import AREAS, LEDGER, Behaviour
from lsq_mock.catalogue.rules import RULES, FindingKind, Outcome
from lsq_mock.catalogue.sources import Chosen, Documented, NotEmulated, Observed, Source
from lsq_mock.cli import main as cli_main
from lsq_mock.resources import data_dir, load_json
from scripts.doc_text import GENERATED, STANDINGS, cell
from scripts.python_reference import python_page
from scripts.readme_sections import readme_with_sections, with_sections
from scripts.vendor_apis_page import PAGE as VENDOR_APIS_PAGE
from scripts.vendor_apis_page import vendor_apis_page

ROOT = Path(__file__).resolve().parent.parent


def _source_text(source: Source) -> str:
    match source:
        case Documented(url=url):
            return f"documented: [{url.removeprefix('https://')}]({url})"
        case Observed(evidence=evidence):
            return f"observed: {evidence}"
        case Chosen(why=why, setting=setting):
            changed = f"setting `{setting}` (`--{setting.replace('_', '-')}`)" if setting else ""
            changed = f"; {changed or 'no setting changes it yet'}"
            return f"chosen: {why}{changed}"
        case NotEmulated(why=why):
            return f"not emulated: {why}"
    raise TypeError(source)


def _behaviour_lines(behaviour: Behaviour) -> list[str]:
    lines = [f"- **{behaviour.does}** `{behaviour.id}`"]
    lines.extend(f"    - {_source_text(source)}" for source in behaviour.sources)
    return lines


def fidelity_page() -> str:
    """docs/reference/fidelity.md: every behaviour by area, with its sources."""
    counts = Counter(behaviour.standing for behaviour in LEDGER)
    lines = [
        "# Fidelity ledger",
        "",
        GENERATED.format(origin="lsq_mock.catalogue.ledger"),
        "",
        "Every behaviour of the emulator, and what it rests on: **documented** (the vendor's "
        "page says so), **observed** (public code or threads whose authors ran against a live "
        "tenant show it), **chosen** (nobody public shows it: the emulator's choice, with the "
        "setting that changes it, or *no setting changes it yet*: a gap, open to a request), or "
        "**not emulated**.",
        "",
        f"{len(LEDGER)} behaviours: " + ", ".join(f"{counts[k]} {k}" for k in STANDINGS) + ".",
    ]
    for area in AREAS:
        lines += ["", f"## {area}", ""]
        for behaviour in LEDGER:
            if behaviour.area == area:
                lines.extend(_behaviour_lines(behaviour))
    return "\n".join(lines) + "\n"


def rules_page() -> str:
    """docs/reference/rules.md: the violation rule catalogue, by what the API answers."""
    lines = [
        "# Violation rules",
        "",
        GENERATED.format(origin="lsq_mock.catalogue.rules"),
        "",
        "Every rule a journaled violation can name. `expect_violations` takes a rule, a prefix "
        "of one (`invalid-value`, `contract`) or an invalid-payload kind; a *family* rule's ids "
        "carry a suffix (`invalid-value:Number`). A 429 and anything a fault caused are not the "
        "client's mistakes, so they are never violations.",
        "",
        "Each finding is of one kind, which decides whether it fails a run "
        "(`lsq-mock check --fail-on`, the plugin's `lsq_mock_fail_on`):",
        "",
        *(f"- **{kind.value}**: {kind.meaning}." for kind in FindingKind),
    ]
    for outcome in Outcome:
        members = [rule for rule in RULES if rule.outcome is outcome]
        lines += ["", f"## {outcome.value[0].upper()}{outcome.value[1:]}", ""]
        lines += ["| rule | kind | means | invalid-payload kinds |", "|---|---|---|---|"]
        for rule in members:
            rule_id = f"`{rule.id}:<DataType>`" if rule.family else f"`{rule.id}`"
            kinds = ", ".join(f"`{kind}`" for kind in rule.kinds)
            lines.append(f"| {rule_id} | {rule.finding_kind.value} | {rule.meaning} | {kinds} |")
    return "\n".join(lines) + "\n"


def behaviours_page() -> str:
    """docs/reference/behaviours.md: what contract coverage counts, and how to exercise each;
    a definition list, so each id sits whole on its own line."""
    lines = [
        "# Behaviour catalogue",
        "",
        GENERATED.format(origin="lsq_mock.catalogue.behaviours"),
        "",
        f"The {len(BEHAVIOURS)} behaviours [contract coverage](../coverage.md) counts: per "
        "endpoint, then API-wide. Each, under its id, says what happened, how a test makes it "
        "happen, and the [fidelity ledger](fidelity.md) entries and [rule](rules.md) it rests "
        "on. Coverage is measured over the endpoints a run called: an endpoint's behaviours, "
        "and the API-wide ones about it.",
    ]
    every = len(GROUPS) - 1
    endpoints = {endpoint.id: endpoint for endpoint in ENDPOINTS}
    for group in GROUPS:
        if group in endpoints:
            endpoint = endpoints[group]
            lines += ["", f"## {endpoint.name}", "", f"`{endpoint.method} {endpoint.path}`"]
        else:
            lines += ["", f"## {group_name(group)}"]
        for b in BEHAVIOURS:
            if b.endpoint != group:
                continue
            rests_on = ", ".join(f"`{entry}`" for entry in b.ledger)
            if b.rule:
                rests_on += f"; rule `{b.rule}`"
            about = ""
            if group == API_WIDE:
                endpoints = (
                    "every endpoint"
                    if len(b.about) == every
                    else (
                        ", ".join(f"`{e}`" for e in b.about)
                        or "no endpoint: counted when exercised"
                    )
                )
                about = f" **About:** {endpoints}."
            text = f"{b.title}. **How:** {cell(b.hint)}.{about} **Rests on:** {rests_on}."
            lines += ["", f"`{b.id}`", f":   {text}"]
    return "\n".join(lines) + "\n"


def cli_page() -> str:
    """docs/reference/cli.md: every command and option of `lsq-mock`, from click itself."""
    lines = ["# Command line", "", GENERATED.format(origin="the lsq_mock.cli commands"), ""]
    context = click.Context(cli_main, info_name="lsq-mock")
    for name in cli_main.list_commands(context):
        command = cli_main.get_command(context, name)
        assert command is not None
        usage = " ".join(command.collect_usage_pieces(context))
        lines += [f"## `lsq-mock {name}`", "", f"`lsq-mock {name} {usage}`", ""]
        lines += [inspect.cleandoc(command.help or ""), ""]
        records = [
            record
            for param in command.params
            if isinstance(param, click.Option)
            for record in [param.get_help_record(context)]
            if record is not None
        ]
        if records:
            lines += ["| option | meaning |", "|---|---|"]
            lines += [f"| `{flags}` | {text.replace('|', '/')} |" for flags, text in records]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _schema_name(body: dict[str, Any] | None) -> str:
    """The JSON Schema file a request or answer body refers to, as a code span, or ""."""
    for media in (body or {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref")
        if ref:
            return f"`{ref}`"
    return ""


def http_page() -> str:
    """docs/reference/http.md: every route the server answers, by tag, from schemas/openapi.json."""
    spec = load_json(data_dir("schemas") / "openapi.json")
    lines = [
        "# HTTP routes",
        "",
        GENERATED.format(origin="schemas/openapi.json"),
        "",
        "Every route `lsq-mock serve` answers. Each body named is a JSON Schema in `schemas/`, "
        "next to `openapi.json`, which describes every route in full.",
    ]
    for tag in spec["tags"]:
        lines += ["", f"## {tag['name'][0].upper()}{tag['name'][1:]}", "", tag["description"], ""]
        lines += ["| route | does | takes | answers |", "|---|---|---|---|"]
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                if tag["name"] not in operation.get("tags", ()):
                    continue
                success = next(
                    (answer for code, answer in operation["responses"].items() if code < "300"),
                    None,
                )
                lines.append(
                    f"| `{method.upper()} {path}` | {cell(operation['summary'])} | "
                    f"{_schema_name(operation.get('requestBody'))} | {_schema_name(success)} |"
                )
    return "\n".join(lines) + "\n"


PAGES: dict[str, Callable[[], str]] = {
    "docs/reference/fidelity.md": fidelity_page,
    "docs/reference/rules.md": rules_page,
    "docs/reference/behaviours.md": behaviours_page,
    "docs/reference/cli.md": cli_page,
    "docs/reference/http.md": http_page,
    "docs/reference/python.md": python_page,
    VENDOR_APIS_PAGE: vendor_apis_page,
}


def config_keys_section() -> str:
    """docs/control-plane.md's list of what PATCH /_mock/config changes: every key of
    schemas/admin-config.schema.json, with its description."""
    schema = load_json(data_dir("schemas") / "admin-config.schema.json")
    return "\n".join(
        f"- `{name}`" + (f": {cell(key['description'])}" if "description" in key else "")
        for name, key in schema["properties"].items()
    )


PAGE_SECTIONS: dict[str, dict[str, Callable[[], str]]] = {
    "docs/control-plane.md": {"config-keys": config_keys_section},
}
"""Hand-written pages besides README.md with generated sections, and each section's renderer."""


def main() -> int:
    """Write (or with --check, compare) every generated page; 1 if one differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a change")
    check = parser.parse_args().check
    wanted = {ROOT / path: render() for path, render in PAGES.items()}
    readme = ROOT / "README.md"
    wanted[readme] = readme_with_sections(readme.read_text(encoding="utf-8"))
    for page, sections in PAGE_SECTIONS.items():
        text = (ROOT / page).read_text(encoding="utf-8")
        wanted[ROOT / page] = with_sections(page, text, sections)
    stale = [
        p for p, text in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != text
    ]
    for path in stale:
        if check:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted[path], encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
