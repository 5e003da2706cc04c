"""The fidelity ledger: one list, every entry sourced, its settings real, the docs generated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click import Context

from lsq_mock import Settings
from lsq_mock.catalogue import sources
from lsq_mock.catalogue.ledger import AREAS, LEDGER
from lsq_mock.catalogue.sources import Chosen, Documented
from lsq_mock.cli.run import serve

ROOT = Path(__file__).resolve().parents[2]
PAGES = {getattr(sources, name) for name in dir(sources) if name.endswith("_PAGE")}


def test_the_generated_docs_and_readme_section_match_the_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.make_docs", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_each_behaviour_has_a_unique_id_an_area_and_a_source() -> None:
    ids = [behaviour.id for behaviour in LEDGER]
    assert len(ids) == len(set(ids))
    assert all(behaviour.sources and behaviour.does for behaviour in LEDGER)
    assert {behaviour.area for behaviour in LEDGER} == set(AREAS)


def test_documented_sources_are_the_vendors_pages() -> None:
    cited = {s.url for b in LEDGER for s in b.sources if isinstance(s, Documented)}
    assert cited <= PAGES
    assert all(url.startswith("https://apidocs.leadsquared.com/") for url in PAGES)


def test_every_setting_a_choice_names_is_a_setting_and_a_serve_option() -> None:
    settings = {name for name in Settings.__dataclass_fields__}
    options = {
        option
        for param in serve.get_params(Context(serve))
        for option in getattr(param, "opts", ())
    }
    named = {s.setting for b in LEDGER for s in b.sources if isinstance(s, Chosen) and s.setting}
    assert named, "the ledger names the settings that change its choices"
    for setting in named:
        assert setting in settings, setting
        assert f"--{setting.replace('_', '-')}" in options, setting
