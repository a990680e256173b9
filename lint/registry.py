"""Finds the built-in rules: every Rule subclass in a module under lint/rules/<family>/.

A new family is a new folder of rule modules (one rule a module) plus its YAML; nothing here
changes."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from . import rules as _rules_pkg
from .rule import Rule


@lru_cache(maxsize=1)
def builtin_rules() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for family in pkgutil.iter_modules(_rules_pkg.__path__):
        if not family.ispkg:
            continue
        package = f"{_rules_pkg.__name__}.{family.name}"
        path = importlib.import_module(package).__path__
        for mod in pkgutil.iter_modules(path):
            module = importlib.import_module(f"{package}.{mod.name}")
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                        and value.__module__ == module.__name__ and "code" in vars(value)):
                    if value.code in found:
                        raise RuntimeError(f"rule code {value.code} defined twice")
                    found[value.code] = value
    return dict(sorted(found.items()))
