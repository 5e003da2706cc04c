"""Build hook: the wheel carries schemas/ and fixtures/ inside lsq_mock, where lsq_mock.resources
finds them. An editable install leaves them where they are (the checkout's own folders)."""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DATA = {"schemas": "lsq_mock/_data/schemas", "fixtures": "lsq_mock/_data/fixtures"}


class DataFoldersHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the data folders to a standard wheel, not to an editable one."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Force-include the data folders when building a real wheel."""
        if version == "standard":
            build_data["force_include"].update(DATA)
