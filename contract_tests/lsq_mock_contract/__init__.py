"""lsq-mock's contract kit: the pytest plugin, the fixture's `LsqMock`, and the reusable contract
suites (provider, conformance). Nothing is imported until asked for: the plugin is loaded into
every pytest run of an environment that has lsq-mock installed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lsq_mock_contract.handle import ContractViolationError, LsqMock

__all__ = ["ContractViolationError", "LsqMock"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from lsq_mock_contract import handle

        return getattr(handle, name)
    raise AttributeError(f"module 'lsq_mock_contract' has no attribute {name!r}")
