"""Where the product asks for a text: every ``_()``/``gettext``/``ngettext`` in a template and
every ``_()``/``translate()`` in Python, read from the source without running it.

A call names its id as a literal (``_('screen.closed')``), as a family with a literal prefix
(``_('sector.' ~ s)``, ``_(f"error.{code}")``), or not at all (``translate(key, lang)`` in a
helper that passes a caller's id on): the tests check each kind in its own way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("hub", "kiosk", "shared", "bors")
TEMPLATE_GETTEXT = {"_": False, "gettext": False, "ngettext": True}
PYTHON_GETTEXT = {"_", "translate"}


@dataclass(frozen=True)
class Use:
    where: str  # file:line
    id: str | None  # the literal id, if there is one
    prefix: str | None  # the literal start of a built id (a family), if there is one
    plural: bool = False
    plural_id: str | None = None  # ngettext's second argument, when literal
    function: str = ""  # the Python function it is in
    passed_on: bool = False  # the id is the function's parameter: its callers name it

    @property
    def literal(self) -> bool:
        return self.id is not None


def templates() -> list[Path]:
    return sorted(p for top in PRODUCT for p in (ROOT / top).rglob("templates/**/*.html"))


def python_files() -> list[Path]:
    return sorted(
        p for top in PRODUCT for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts
    )


def _template_arg(node: nodes.Node) -> tuple[str | None, str | None]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value, None
    if isinstance(node, nodes.Concat) and isinstance(node.nodes[0], nodes.Const):
        return None, node.nodes[0].value
    return None, None


def template_uses() -> list[Use]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    found = []
    for path in templates():
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if not isinstance(call.node, nodes.Name) or call.node.name not in TEMPLATE_GETTEXT:
                continue
            plural = TEMPLATE_GETTEXT[call.node.name]
            key, prefix = _template_arg(call.args[0])
            second = _template_arg(call.args[1])[0] if plural and len(call.args) > 1 else None
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            found.append(Use(where, key, prefix, plural, second))
    return found


def _python_arg(node: ast.expr) -> tuple[str | None, str | None]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, None
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return None, head.value
    return None, None


class _Calls(ast.NodeVisitor):
    """The text calls of one module, each with the function it is in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.found: list[Use] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        # Bare names only: ``str.translate`` and other methods of the same name are not ours.
        if isinstance(node.func, ast.Name) and node.func.id in PYTHON_GETTEXT and node.args:
            passed_on = self._is_parameter(node.args[0])
            for key, prefix in self._ids(node.args[0]):
                self.found.append(
                    Use(
                        where=f"{self.path.relative_to(ROOT)}:{node.lineno}",
                        id=key,
                        prefix=prefix,
                        plural=any(k.arg == "num" for k in node.keywords),
                        plural_id=key,
                        function=self.functions[-1].name if self.functions else "<module>",
                        passed_on=passed_on,
                    )
                )
        self.generic_visit(node)

    def _is_parameter(self, arg: ast.expr) -> bool:
        if not isinstance(arg, ast.Name) or not self.functions:
            return False
        arguments = self.functions[-1].args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        return arg.id in {a.arg for a in every}

    def _ids(self, arg: ast.expr) -> list[tuple[str | None, str | None]]:
        """The ids an argument can be; a local name is followed to the literals it is set to."""
        if not isinstance(arg, ast.Name) or not self.functions:
            return [_python_arg(arg)]
        function = self.functions[-1]
        literals = [
            value.value
            for node in ast.walk(function)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == arg.id for t in node.targets)
            for value in ast.walk(node.value)
            if isinstance(value, ast.Constant) and isinstance(value.value, str)
        ]
        return [(key, None) for key in literals] or [(None, None)]


def python_uses() -> list[Use]:
    found = []
    for path in python_files():
        calls = _Calls(path)
        calls.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found += calls.found
    return found
