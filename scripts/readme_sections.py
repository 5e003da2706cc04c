"""README.md's generated sections, each rewritten between its markers by `make_docs`: the
commands, the limits and their options, and what is emulated (the vendor APIs' count, the
fidelity ledger's summary)."""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable

import click

from lsq_mock import Settings
from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.catalogue.sources import NotEmulated
from lsq_mock.cli import main as cli_main
from lsq_mock.contract.violations import MAX_VIOLATIONS
from lsq_mock.resources import data_dir, load_json
from scripts.doc_text import STANDINGS, cell
from scripts.vendor_apis_page import counts as vendor_api_counts

README_MARKERS = ("<!-- {name}:start -->", "<!-- {name}:end -->")
"""Around each generated section of README.md (`name` is a key of README_SECTIONS), and of the
other hand-written pages with a generated section (`make_docs.PAGE_SECTIONS`)."""


def ledger_section() -> str:
    """README's "Emulated vs. not emulated": the vendor APIs emulated, the ledger's counts, and
    what is left out."""

    emulated, total = vendor_api_counts()
    counts = Counter(behaviour.standing for behaviour in LEDGER)
    lines = [
        f"{emulated} of the vendor's {total} APIs are emulated: "
        f"[vendor APIs](docs/reference/vendor-apis.md) lists each, by service, ticked where it "
        "is.",
        "",
        f"{len(LEDGER)} behaviours, each with its source in the "
        "[fidelity ledger](docs/reference/fidelity.md): "
        + ", ".join(f"{counts[k]} {k}" for k in STANDINGS[:3])
        + ". Not emulated:",
    ]
    lines.extend(
        f"- {behaviour.does}: {source.why}"
        for behaviour in LEDGER
        for source in behaviour.sources[:1]
        if isinstance(source, NotEmulated)
    )
    return "\n".join(lines)


def commands_section() -> str:
    """README's table of commands, one line each, linking to the command line reference."""
    context = click.Context(cli_main, info_name="lsq-mock")
    lines = ["| command | does |", "|---|---|"]
    for name in cli_main.list_commands(context):
        command = cli_main.get_command(context, name)
        assert command is not None
        summary = inspect.cleandoc(command.help or "").split("\n", 1)[0]
        lines.append(
            f"| [`lsq-mock {name}`](docs/reference/cli.md#lsq-mock-{name}) | {cell(summary)} |"
        )
    return "\n".join(lines)


def limits_section() -> str:
    """README's limits: each default of `Settings` a heavy client meets, with its options."""
    defaults = Settings()
    bulk_rows = load_json(data_dir("schemas") / "bulk-update-request.schema.json")["maxItems"]
    rows: list[tuple[str, str, tuple[str, ...]]] = [
        ("rows in a bulk call", f"{bulk_rows}, as the vendor's page says", ()),
        ("a request body", f"{defaults.max_body_bytes // 2**20} MiB", ("--max-body-bytes",)),
        ("the account's calls", f"{defaults.rate_limit} s", ("--rate-limit", "--plan")),
        ("bulk calls (on top)", f"{defaults.bulk_rate_limit} s", ("--bulk-rate-limit",)),
        (
            "the journal (and, each, the run's verdicts and the event log)",
            f"{defaults.journal_limit:,} entries and {defaults.journal_bytes // 2**20} MiB, "
            "oldest dropped first, big bodies kept cut with their length and SHA-256",
            ("--journal-limit", "--journal-bytes"),
        ),
        ("violations described per request", f"{MAX_VIOLATIONS}; the rest counted", ()),
    ]
    lines = ["| limit | default | changed by |", "|---|---|---|"]
    for what, value, options in rows:
        changed = ", ".join(f"`{option}`" for option in options) or "(fixed)"
        lines.append(f"| {what} | {value} | {changed} |")
    return "\n".join(lines)


README_SECTIONS: dict[str, Callable[[], str]] = {
    "commands": commands_section,
    "limits": limits_section,
    "ledger": ledger_section,
}


def with_sections(page: str, text: str, sections: dict[str, Callable[[], str]]) -> str:
    """`text` (of `page`) with each of `sections` rewritten between its markers."""
    for name, render in sections.items():
        start, end = (marker.format(name=name) for marker in README_MARKERS)
        before, found_start, rest = text.partition(start)
        _, found_end, after = rest.partition(end)
        if not (found_start and found_end):
            raise SystemExit(f"{page} has no {start} ... {end} markers")
        text = f"{before}{start}\n{render()}\n{end}{after}"
    return text


def readme_with_sections(readme: str) -> str:
    """README.md's text with each generated section rewritten between its markers."""
    return with_sections("README.md", readme, README_SECTIONS)
