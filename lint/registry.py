"""Finds the built-in rules: every Rule subclass in a module under lint/rules/<family>/.

A new family is a new folder of rule modules (one rule a module) plus its YAML; nothing here
changes."""
from __future__ import annotations

import importlib
import os
from functools import lru_cache

from . import rules as _rules_pkg
from .rule import Rule


@lru_cache(maxsize=1)
def builtin_rules() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for folder in _rules_pkg.__path__:
        for family in sorted(os.scandir(folder), key=lambda e: e.name):
            if not os.path.isfile(os.path.join(family.path, "__init__.py")):
                continue
            for name in _modules_in(family.path):  # (pkgutil.iter_modules would import inspect: 5 ms)
                module = importlib.import_module(f"{_rules_pkg.__name__}.{family.name}.{name}")
                for value in vars(module).values():
                    if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                            and value.__module__ == module.__name__ and "code" in vars(value)):
                        if value.code in found:
                            raise RuntimeError(f"rule code {value.code} defined twice")
                        found[value.code] = value
    return dict(sorted(found.items()))


def _modules_in(folder: str) -> list[str]:
    """The rule modules of a family folder; `_name.py` is a family's shared code, imported by the
    rules that use it, when they use it (the batch path's NumPy only by a batch)."""
    return sorted(e.name[:-3] for e in os.scandir(folder)
                  if e.name.endswith(".py") and not e.name.startswith("_") and e.name[:-3].isidentifier())
