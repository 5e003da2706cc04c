"""lsq-mock 0.1's module paths still import, as the very modules they became, with a
DeprecationWarning that names the new path (CHANGELOG.md: Breaking, module paths)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

from lsq_mock._compat import MOVED, new_name


@pytest.mark.parametrize("old", sorted(MOVED))
def test_each_old_path_is_the_module_it_became(old: str) -> None:
    sys.modules.pop(old, None)
    # A moved module's old parent may be imported (and warn) on the way: its warning is its own.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        aliased = importlib.import_module(old)
    said = [str(warning.message) for warning in caught if warning.category is DeprecationWarning]
    assert any(f"{old} moved to {MOVED[old]}" in message for message in said), said
    assert aliased is importlib.import_module(MOVED[old])
    assert aliased.__spec__.name == MOVED[old], "the module keeps its own spec"


def test_a_submodule_of_a_moved_package_follows_it() -> None:
    assert new_name("lsq_mock.contract_tests.provider") == "lsq_mock_contract.provider"
    assert new_name("lsq_mock.contract_tests.report") == "lsq_mock.journal.report"
    assert new_name("lsq_mock.settings") is None
    assert new_name("lsq_mock.proxyless") is None


def test_the_documented_old_imports_work_in_a_fresh_process() -> None:
    script = (
        "import warnings\n"
        "warnings.simplefilter('error', DeprecationWarning)\n"
        "try:\n"
        "    from lsq_mock.contract_tests.provider import ProviderContract\n"
        "except DeprecationWarning as warning:\n"
        "    print('warned:', warning)\n"
        "warnings.simplefilter('ignore', DeprecationWarning)\n"
        "from lsq_mock.contract_tests.provider import ProviderContract\n"
        "from lsq_mock.proxy import ProxyServer\n"
        "from lsq_mock.faults import Fault\n"
        "import lsq_mock\n"
        "assert Fault is lsq_mock.Fault\n"
        "print(ProviderContract.__module__, ProxyServer.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    assert "warned: lsq_mock.contract_tests moved to lsq_mock_contract" in out
    assert "lsq_mock_contract.provider lsq_mock.tls.proxy" in out


def test_the_fixture_class_is_exported_for_type_hints() -> None:
    import lsq_mock
    import lsq_mock_contract
    from lsq_mock_contract.handle import ContractViolationError, LsqMock

    assert lsq_mock.LsqMock is LsqMock is lsq_mock_contract.LsqMock
    assert lsq_mock.ContractViolationError is ContractViolationError
