"""Each server option (`--server`) serving a seeded emulator in this process, for the tests that
must hold under every one of them."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.resources import default_seed_path
from lsq_mock.serving.server import ServingThread
from lsq_mock.serving.wsgi_servers import make_wsgi_server


@contextmanager
def serving_with(server: str) -> Iterator[ServingThread]:
    """The shipped seed under `server`, without rate limits; a skip if its extra is missing."""
    if importlib.util.find_spec(server) is None:
        pytest.skip(f"the {server} extra is not installed")
    settings = Settings(
        seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)
    )
    with make_wsgi_server(create_app(settings), server=server) as running:
        yield running
