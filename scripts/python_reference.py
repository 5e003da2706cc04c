"""docs/reference/python.md, from the classes themselves: Settings' fields, the `lsq_mock`
fixture's handle, MockServer, AdminClient and the exceptions a user meets, each member described
by its docstring (`python -m scripts.make_docs` writes it)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import textwrap
from collections.abc import Callable
from typing import Any

import click

from lsq_mock import (
    AdminClient,
    AdminError,
    InvalidInput,
    LSQError,
    MockServer,
    ServerStartError,
    Settings,
)
from lsq_mock.cli.run import serve
from lsq_mock_contract.handle import ContractViolationError, LsqMock
from scripts.doc_text import GENERATED, cell


def _summary(member: object) -> str:
    """The first paragraph of `member`'s docstring, on one line."""
    doc = inspect.getdoc(member) or ""
    return cell(doc.split("\n\n", 1)[0])


def _attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a class's annotated attributes (the source, via ast)."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    found: dict[str, str] = {}
    for node, following in zip(body.body, [*body.body[1:], None], strict=True):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[node.target.id] = cell(inspect.cleandoc(following.value.value))
    return found


SETTING_OPTIONS = {"credentials": "access_keys", "latency_seconds": "latency"}
"""Settings whose `serve` parameter has another name."""
DEFAULT_NOTE = re.compile(r"\s*\[default: [^]]*\]")


def _settings_rows() -> list[str]:
    """One row per Settings field: its default and its meaning (its docstring, else the help of
    the `lsq-mock serve` option that sets it)."""
    documented = _attribute_docs(Settings)
    options = {param.name: param for param in serve.params if isinstance(param, click.Option)}
    rows = ["| field | default | meaning |", "|---|---|---|"]
    for field in dataclasses.fields(Settings):
        option = options.get(SETTING_OPTIONS.get(field.name, field.name))
        meaning = documented.get(field.name) or cell(
            DEFAULT_NOTE.sub("", option.help or "") if option else ""
        )
        if option is not None:
            meaning += f" (`lsq-mock serve {option.opts[0]}`)"
        default = field.default if field.default is not dataclasses.MISSING else None
        rows.append(f"| `{field.name}` | `{default!r}` | {meaning} |")
    return rows


def _signature(function: Callable[..., Any], *, bound: bool = True) -> str:
    """`name(a, b=1, *, c=None)` as the source writes it, without annotations or `self` / `cls`
    (from the source, so a default such as `os.environ` shows as written, not as its value)."""
    node = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    assert isinstance(node, ast.FunctionDef)
    arguments = node.args
    if bound:
        arguments.args = arguments.args[1:]
    for argument in ast.walk(arguments):
        if isinstance(argument, ast.arg):
            argument.annotation = None
    return f"{node.name}({ast.unparse(arguments)})"


def _member_rows(cls: type, *, with_fields: bool = True) -> list[str]:
    """One row per public member of `cls` and its bases, in the order they are first defined,
    each described by its most derived definition; then its dataclass fields, if asked."""
    rows = ["| member | what it is |", "|---|---|"]
    fields = {f.name: f for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
    names = dict.fromkeys(
        name for owner in reversed(cls.__mro__[:-1]) for name in vars(owner) if name[0] != "_"
    )
    for name in names:
        member = inspect.getattr_static(cls, name)
        if isinstance(member, property):
            rows.append(f"| `{name}` | {_summary(member)} |")
        elif isinstance(member, classmethod | staticmethod):
            rows.append(f"| `{_signature(member.__func__, bound=True)}` | {_summary(member)} |")
        elif inspect.isfunction(member):
            rows.append(f"| `{_signature(member)}` | {_summary(member)} |")
    if with_fields:
        rows += [f"| `{name}` | a `{f.type}` |" for name, f in fields.items() if name[0] != "_"]
    return rows


EXCEPTIONS: tuple[tuple[type[BaseException], str], ...] = (
    (
        LSQError,
        "Every answer of the emulated API that is an error is one, and so is what the Python "
        "API (`Emulator`, the store) raises where a call would have been answered with that "
        "error: it carries the answer's status, ExceptionType and message.",
    ),
    (
        InvalidInput,
        "Raised by `lsq_mock.seed(...)` and `Emulator.load` for a bad seed (`Invalid seed! "
        "$.Activities[0].ActivityEvent 999 is not a known activity type`), by `Emulator(...)`, "
        "`MockServer(...)` and the fixtures for a bad `Settings(seed=...)`, and by "
        "`Emulator.configure` for a bad configuration: nothing was changed, and `path` says "
        "what is wrong.",
    ),
    (
        ContractViolationError,
        "An `AssertionError`, so pytest shows it as a failed test; a mismatched "
        "`expect_violations` names the rules that did fire. At teardown the plugin fails a "
        "strict test with the same report.",
    ),
    (
        AdminError,
        "Raised by every `AdminClient` call, with the envelope's message.",
    ),
    (
        ServerStartError,
        "Raised by `MockServer.start()` and its `with` block, at once, in the caller's thread.",
    ),
)
"""The exceptions a user of lsq-mock meets, each with where it is raised."""
ERROR_INSTANCE_ATTRIBUTES = {
    "message": "The ExceptionMessage.",
    "path": "Where in the request (or seed) the problem is: a JSON path, `?name` for a query "
    "parameter, `$` for the whole.",
    "rule": "The violation rule it breaks ([violation rules](rules.md)).",
    "hint": "A near miss, such as the field the client may have meant (never in the answer).",
}
"""What each LSQError carries besides its class's status and ExceptionType (set per instance)."""


def _exceptions() -> list[str]:
    lines = [
        "## Exceptions",
        "",
        "All are importable from `lsq_mock`.",
        "",
        "| exception | is a | what it is, and where you meet it |",
        "|---|---|---|",
    ]
    for error, where in EXCEPTIONS:
        base = error.__mro__[1].__name__
        lines.append(f"| `{error.__name__}` | `{base}` | {_summary(error)} {cell(where)} |")
    attributes = _attribute_docs(LSQError)
    lines += [
        "",
        "An `LSQError` (an `InvalidInput` too) carries what the API answers, and where:",
        "",
        "| member | what it is |",
        "|---|---|",
        *(f"| `{name}` | {attributes[name]} |" for name in ("status", "exception_type")),
        *(f"| `{name}` | {text} |" for name, text in ERROR_INSTANCE_ATTRIBUTES.items()),
        *_member_rows(LSQError, with_fields=False)[2:],
    ]
    return lines


def python_page() -> str:
    """docs/reference/python.md: Settings' fields, the `lsq_mock` fixture's handle, MockServer,
    AdminClient and the exceptions."""
    lines = [
        "# Python API",
        "",
        GENERATED.format(origin="the lsq_mock classes and their docstrings"),
        "",
        "## `lsq_mock.Settings`",
        "",
        _summary(Settings) + ' Build one with keywords: `Settings(seed="default", '
        "strict=False)`; `dataclasses.replace(settings, ...)` makes a changed copy.",
        "",
        *_settings_rows(),
        "",
        *_member_rows(Settings, with_fields=False),
        "",
        "## The `lsq_mock` fixture",
        "",
        f"`lsq_mock` and each `lsq_mock_factory()` give a test an `LsqMock`. {_summary(LsqMock)}",
        "",
        *_member_rows(LsqMock),
        "",
        "## `lsq_mock.MockServer`",
        "",
        f'{_summary(MockServer)} `MockServer(settings=None, *, app=None, host="127.0.0.1", '
        "port=0, quiet=True)`.",
        "",
        *_member_rows(MockServer),
        "",
        "## `lsq_mock.AdminClient`",
        "",
        f"{_summary(AdminClient)} `AdminClient{_signature(AdminClient.__init__)[8:]}`: "
        "a served emulator's control plane from Python, for a test suite that runs against "
        "`lsq-mock serve` ([recipe](../recipes.md#served-ci-with-a-reset-per-test)). Each call "
        "raises `AdminError` if the emulator refuses it or cannot be reached.",
        "",
        *_member_rows(AdminClient, with_fields=False),
        "",
        *_exceptions(),
    ]
    return "\n".join(lines) + "\n"
