"""Mutation testing on demand: how many small bugs in each core module its tests catch.

    python scripts/mutation.py                    # every module of [tool.mutation] in pyproject
    python scripts/mutation.py fields faults      # some of them
    python scripts/mutation.py --survivors        # and each surviving mutant's diff
    python scripts/mutation.py --list             # count the mutants, run nothing

Each mutant is one small change to one module: mutmut's operators (numbers, strings, operators,
comparisons, True/False, call arguments, assignments to None...) and the deletion of one
statement. A forked child imports the mutant instead of the module (the tree is never written)
and runs the module's tests with `-x`; a failure or a timeout kills the mutant. mutmut's own
runner cannot do this here: it copies `mockserver/lsq_mock/` to `mutants/`, but the tests import
the editable `lsq_mock`, which stays the unmutated original (docs/mutation-testing.md).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.abc
import importlib.util
import os
import signal
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from mutmut.mutation.file_mutation import NEVER_MUTATE_FUNCTION_CALLS, deep_replace
from mutmut.mutation.mutators import mutation_operators

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONFIG = PYPROJECT["tool"]["mutation"]
PRELOADED = (
    *("pytest", "xdist.plugin", "hypothesis", "faker", "schemathesis", "click", "flask"),
    *("werkzeug.serving", "jsonschema", "jsonschema_rs", "requests"),
)
"""Imported once before forking (2 s a child otherwise); never `lsq_mock`, which gets mutated."""


@dataclass(frozen=True)
class Mutant:
    """One changed copy of a module's source, and where it differs."""

    module: str
    path: Path
    line: int
    source: str


def module_name(path: Path) -> str:
    """The import name of a file of the checkout: its path under the package's root folder
    (the wheel's `packages` of pyproject.toml, e.g. mockserver/lsq_mock)."""
    relative = path.resolve().relative_to(ROOT).with_suffix("")
    for package in PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]:
        root = Path(package).parent.parts
        if relative.parts[: len(root) + 1] == Path(package).parts:
            return ".".join(relative.parts[len(root) :]).removesuffix(".__init__")
    raise ValueError(f"{path} is in no package of pyproject.toml")


class _Sites(cst.CSTVisitor):
    """Every node a mutant may change, and every statement a mutant may delete."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.changes: list[tuple[int, cst.CSTNode, cst.CSTNode]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if _left_alone(node):
            return False
        line = self.get_metadata(PositionProvider, node).start.line
        for node_type, operator in mutation_operators:
            if isinstance(node, node_type):
                self.changes += [(line, node, changed) for changed in operator(node)]
        if isinstance(node, cst.SimpleStatementLine) and not _is_docstring_or_pass(node):
            self.changes.append((line, node, node.with_changes(body=[cst.Pass()])))
        return True


TYPE_FORMS = frozenset(("Literal", "Callable"))
"""Subscripted typing forms: an alias made of them (`FaultKind = Literal[...]`) is a type only."""


def _left_alone(node: cst.CSTNode) -> bool:
    """Nodes no mutant touches: annotations, type aliases, decorators, imports, TYPE_CHECKING
    blocks, and the calls mutmut leaves alone (`len`, `isinstance`)."""
    if isinstance(node, cst.Annotation | cst.Decorator | cst.Import | cst.ImportFrom):
        return True
    if isinstance(node, cst.SimpleStatementLine):
        return any(_is_import_or_alias(statement) for statement in node.body)
    if isinstance(node, cst.If) and isinstance(node.test, cst.Name):
        return node.test.value == "TYPE_CHECKING"
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value in NEVER_MUTATE_FUNCTION_CALLS
    )


def _is_import_or_alias(statement: cst.BaseSmallStatement) -> bool:
    if isinstance(statement, cst.Import | cst.ImportFrom):
        return True
    value = statement.value if isinstance(statement, cst.Assign) else None
    return (
        isinstance(value, cst.Subscript)
        and isinstance(value.value, cst.Name)
        and value.value.value in TYPE_FORMS
    )


def _is_docstring_or_pass(line: cst.SimpleStatementLine) -> bool:
    (statement, *_) = line.body
    if isinstance(statement, cst.Pass):
        return True
    return isinstance(statement, cst.Expr) and isinstance(statement.value, cst.BaseString)


def mutants(path: Path) -> list[Mutant]:
    """Every distinct mutant of the module at `path`, in the order of its lines."""
    original = path.read_text(encoding="utf-8")
    wrapper = MetadataWrapper(cst.parse_module(original))
    sites = _Sites()
    wrapper.visit(sites)
    module, seen, found = module_name(path), {original}, []
    for line, node, changed in sorted(sites.changes, key=lambda change: change[0]):
        source = deep_replace(wrapper.module, node, changed).code  # type: ignore[union-attr]
        if source not in seen:
            seen.add(source)
            found.append(Mutant(module, path, line, source))
    return found


class _MutantLoader(importlib.abc.SourceLoader):
    """Loads a module from the mutant's source instead of its file (no bytecode cache)."""

    def __init__(self, mutant: Mutant):
        self.mutant = mutant

    def get_filename(self, fullname: str) -> str:
        return str(self.mutant.path)

    def get_data(self, path: str) -> bytes:
        return self.mutant.source.encode()


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Finds the mutated module first; every other import goes on as usual."""

    def __init__(self, mutant: Mutant):
        self.mutant = mutant

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.mutant.module:
            return None
        loader = _MutantLoader(self.mutant)
        return importlib.util.spec_from_loader(fullname, loader, origin=str(self.mutant.path))


def _start(mutant: Mutant | None, tests: list[str]) -> int:
    """Fork a child that runs `tests` against `mutant` (None: the module as it is); its pid."""
    pid = os.fork()
    if pid:
        return pid
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        if mutant is not None:
            sys.meta_path.insert(0, _MutantFinder(mutant))
        import pytest

        code = int(pytest.main([*CONFIG["pytest-args"], *tests]))
    except BaseException:
        code = 99
    os._exit(code)


def passes(found: list[Mutant | None], tests: list[str], timeout: float, jobs: int) -> list[bool]:
    """Whether `tests` pass against each mutant (a timeout fails), `jobs` children at a time."""
    pending = list(enumerate(found))
    running: dict[int, tuple[int, float]] = {}
    results: dict[int, bool] = {}
    while pending or running:
        while pending and len(running) < jobs:
            index, mutant = pending.pop(0)
            running[index] = (_start(mutant, tests), time.monotonic() + timeout)
        for index, (pid, deadline) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done or time.monotonic() > deadline:
                if not done:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                results[index] = bool(done) and os.waitstatus_to_exitcode(status) == 0
                del running[index]
        time.sleep(0.02)
    return [results[index] for index in range(len(found))]


def diff(mutant: Mutant) -> str:
    """The mutant's change as a unified diff against the file."""
    lines = difflib.unified_diff(
        mutant.path.read_text(encoding="utf-8").splitlines(),
        mutant.source.splitlines(),
        str(mutant.path.relative_to(ROOT)),
        "mutant",
        n=0,
        lineterm="",
    )
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


def check_module(name: str, args: argparse.Namespace) -> tuple[int, int]:
    """Run every mutant of the core module `name`; print its kill rate; (killed, mutants)."""
    spec = CONFIG["modules"][name]
    tests = [str(ROOT / test) for test in spec["tests"]]
    found = [mutant for file in spec["files"] for mutant in mutants(ROOT / file)]
    if args.list:
        print(f"{name:<14} {len(found):>4} mutants")
        return 0, len(found)
    started = time.monotonic()
    if passes([None], tests, 600, 1) != [True]:
        raise SystemExit(f"{name}: its tests fail without any mutant")
    timeout = CONFIG["timeout-factor"] * (time.monotonic() - started) + 5
    survived = passes(list(found), tests, timeout, args.jobs)
    survivors = [mutant for mutant, alive in zip(found, survived, strict=True) if alive]
    killed = len(found) - len(survivors)
    print(f"{name:<14} {len(found):>4} mutants {killed:>4} killed {_rate(killed, len(found))}")
    if args.survivors:
        for mutant in survivors:
            print(f"  survived: {mutant.path.relative_to(ROOT)}:{mutant.line}\n{diff(mutant)}")
    return killed, len(found)


def _rate(killed: int, total: int) -> str:
    return f"{100 * killed / total:5.1f}%" if total else "  n/a"


def main() -> int:
    """Print the kill rate of each core module; exit 1 if one is under `fail-under`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"of {', '.join(CONFIG['modules'])}")
    parser.add_argument("--survivors", action="store_true", help="print each survivor's diff")
    parser.add_argument("--list", action="store_true", help="count the mutants only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="children at once")
    args = parser.parse_args()
    unknown = set(args.modules) - set(CONFIG["modules"])
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    os.chdir(ROOT)
    for preloaded in PRELOADED:
        __import__(preloaded)
    below = []
    for name in args.modules or CONFIG["modules"]:
        killed, total = check_module(name, args)
        if not args.list and total and 100 * killed / total < CONFIG["fail-under"]:
            below.append(name)
    if below:
        print(f"under {CONFIG['fail-under']}%: {', '.join(below)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
