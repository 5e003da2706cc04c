"""verify takes the setting options serve takes, one definition for both, and they are every
setting the fidelity ledger names: what verify suggests pastes into either command."""

from __future__ import annotations

import click

from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.catalogue.sources import Chosen
from lsq_mock.cli.calibrate import verify
from lsq_mock.cli.params import ANSWER_OPTIONS
from lsq_mock.cli.run import serve
from lsq_mock.settings import ANSWER_SETTINGS


def _options(command: click.Command) -> dict[str, click.Parameter]:
    return {param.name: param for param in command.params if param.name is not None}


def test_serve_and_verify_share_the_answer_options() -> None:
    serve_options, verify_options = _options(serve), _options(verify)
    for name in ANSWER_SETTINGS:
        assert serve_options[name].opts == verify_options[name].opts, name
        assert serve_options[name].default == verify_options[name].default, name
    assert len(ANSWER_OPTIONS) == len(ANSWER_SETTINGS)


def test_the_answer_settings_are_the_ones_the_ledger_names() -> None:
    named = {s.setting for b in LEDGER for s in b.sources if isinstance(s, Chosen) and s.setting}
    assert named | {"plan"} == set(ANSWER_SETTINGS)
