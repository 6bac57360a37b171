"""The one build step pyproject.toml cannot say: compile the translation catalogs.

Every build (a wheel, ``pip install``, ``pip install -e``) writes each ``messages.mo`` beside its
``.po`` before the package data is collected, so the ``.mo`` files ship. The compiler is
:mod:`shared.i18n.catalogs`, loaded by path: the package itself is not importable yet.
"""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGS = Path(__file__).parent / "shared" / "i18n" / "catalogs.py"


class BuildPyWithCatalogs(build_py):
    def run(self) -> None:
        spec = importlib.util.spec_from_file_location("frivilligbors_catalogs", CATALOGS)
        catalogs = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(catalogs)
        for mo in catalogs.compile_all():
            self.announce(f"compiled {mo}", level=2)
        super().run()


setup(cmdclass={"build_py": BuildPyWithCatalogs})
