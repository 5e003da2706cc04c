"""The import paths of lsq-mock 0.1, before its modules moved into packages by concern: each
still imports, as the module it became, with a DeprecationWarning naming the new path."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from types import ModuleType

MOVED: dict[str, str] = {
    "lsq_mock.app": "lsq_mock.api.app",
    "lsq_mock.auth": "lsq_mock.emulator.auth",
    "lsq_mock.boundedlog": "lsq_mock.journal.log",
    "lsq_mock.ca": "lsq_mock.tls.ca",
    "lsq_mock.exchange": "lsq_mock.journal.exchange",
    "lsq_mock.faults": "lsq_mock.emulator.faults",
    "lsq_mock.fields": "lsq_mock.contract.fields",
    "lsq_mock.granian_server": "lsq_mock.serving.granian_server",
    "lsq_mock.hosts": "lsq_mock.emulator.hosts",
    "lsq_mock.journal_summary": "lsq_mock.journal.summary",
    "lsq_mock.jsonread": "lsq_mock.contract.jsonread",
    "lsq_mock.jsonwrite": "lsq_mock.contract.jsonwrite",
    "lsq_mock.liveschemas": "lsq_mock.contract.liveschemas",
    "lsq_mock.memory": "lsq_mock.serving.memory",
    "lsq_mock.nearmiss": "lsq_mock.contract.nearmiss",
    "lsq_mock.proxy": "lsq_mock.tls.proxy",
    "lsq_mock.redact": "lsq_mock.journal.redact",
    "lsq_mock.runtime": "lsq_mock.emulator.runtime",
    "lsq_mock.schemaset": "lsq_mock.contract.schemaset",
    "lsq_mock.server": "lsq_mock.serving.server",
    "lsq_mock.trust": "lsq_mock.tls.trust",
    "lsq_mock.vendor_hosts": "lsq_mock.tls.vendor_hosts",
    "lsq_mock.violations": "lsq_mock.contract.violations",
    "lsq_mock.waitress_dispatch": "lsq_mock.serving.waitress_dispatch",
    "lsq_mock.waitress_envelope": "lsq_mock.serving.waitress_envelope",
    "lsq_mock.webhook": "lsq_mock.emulator.webhook",
    "lsq_mock.wsgi_servers": "lsq_mock.serving.wsgi_servers",
    "lsq_mock.contract_tests.junit": "lsq_mock.journal.junit",
    "lsq_mock.contract_tests.report": "lsq_mock.journal.report",
    "lsq_mock.contract_tests": "lsq_mock_contract",
}
"""Each old module path, and where that module lives now (a package's submodules follow it; the
first path that matches wins)."""


def new_name(old: str) -> str | None:
    """Where the module `old` lives now, if it is one of lsq-mock 0.1's paths."""
    for before, after in MOVED.items():
        if old == before or old.startswith(f"{before}."):
            return after + old[len(before) :]
    return None


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old path and loads it as the module it became (the same module object)."""

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if new_name(fullname) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        moved_to = new_name(spec.name) or spec.name
        warnings.warn(
            f"{spec.name} moved to {moved_to} in lsq-mock 0.2; import it from there "
            "(CHANGELOG.md lists every move)",
            DeprecationWarning,
            stacklevel=2,
        )
        module = importlib.import_module(moved_to)
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamped the old name's spec on the module: give it its own back.
        own = module.__spec__.loader_state if module.__spec__ is not None else None
        module.__spec__ = own


def install() -> None:
    """Let the old paths import (once per process)."""
    if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
        sys.meta_path.insert(0, _MovedModules())
