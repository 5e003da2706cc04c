"""Coverage as one self-contained HTML file: inline CSS, no script, every text escaped, so it can
be kept as a CI artefact and opened anywhere."""

from __future__ import annotations

from html import escape

from lsq_mock.catalogue.behaviours import Exercise, group_name
from lsq_mock.coverage.report import Coverage
from lsq_mock.coverage.text import headline, percent

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; color: #1d2433; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.bar { background: #e6e9ef; border-radius: 4px; height: 0.8rem; max-width: 30rem; }
.bar span { display: block; height: 100%; background: #2f7d4f; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid #e6e9ef; }
th { font-weight: 600; background: #f5f6f8; }
tr.never td:first-child { color: #a3331f; font-weight: 600; }
tr.done td:first-child { color: #2f7d4f; font-weight: 600; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 0.9em; } .muted { color: #5b6475; }
"""


def render_html(coverage: Coverage, *, source: str, widen: str = "--scope api") -> str:
    """The whole report page for `coverage`, read from `source` (an emulator's URL); `widen`
    says how to count the endpoints left out too."""
    done = f"{coverage.percent:.2f}"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>lsq-mock contract coverage</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>lsq-mock contract coverage</h1>",
        f"<p>{escape(headline(coverage))}, read from <code>{escape(source)}</code>.</p>",
        f'<div class="bar" role="img" aria-label="{escape(percent(coverage.percent))} '
        f'exercised"><span style="width: {done}%"></span></div>',
    ]
    if coverage.unread:
        parts.append(
            f'<p class="muted">{coverage.unread} journaled request(s) were dropped before '
            "coverage read them: raise journal_limit.</p>"
        )
    for group in coverage.groups:
        parts.extend(_group(coverage, group))
    if coverage.outside:
        parts.append(
            f'<p class="muted" id="outside">Not called: {len(coverage.not_called)} endpoint(s), '
            f"{coverage.outside} behaviours more ({escape(widen)} counts them).</p>"
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _group(coverage: Coverage, group: str) -> list[str]:
    members = coverage.members(group)
    exercised = sum(1 for b in members if coverage.was_exercised(b))
    return [
        f"<h2>{escape(group_name(group))}: {exercised} of {len(members)}</h2>",
        "<table><thead><tr><th>Exercised</th><th>Behaviour</th><th>Times</th>"
        "<th>How a test makes it happen</th><th>Rests on</th></tr></thead><tbody>",
        *(_row(coverage, behaviour) for behaviour in members),
        "</tbody></table>",
    ]


def _row(coverage: Coverage, behaviour: Exercise) -> str:
    seen = coverage.was_exercised(behaviour)
    rests_on = [f"ledger {entry}" for entry in behaviour.ledger]
    if behaviour.rule is not None:
        rests_on.append(f"rule {behaviour.rule}")
    tests = sorted(coverage.tests.get(behaviour.id, ()))
    by = f'<br><span class="muted">by {escape(", ".join(tests[:3]))}</span>' if tests else ""
    return (
        f'<tr class="{"done" if seen else "never"}" id="{escape(behaviour.id)}">'
        f"<td>{'yes' if seen else 'never'}</td>"
        f"<td>{escape(behaviour.title)} <code>{escape(behaviour.id)}</code>{by}</td>"
        f'<td class="count">{coverage.counts[behaviour.id]}</td>'
        f"<td>{escape(behaviour.hint)}</td>"
        f"<td>{escape('; '.join(rests_on))}</td></tr>"
    )
