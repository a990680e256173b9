"""House rules written in YAML, no Python (Vale-style kinds).

`pattern`: a regular expression (the `regex` module: \\p{Han} and friends) and a message, with
an optional replacement. `substitution`: a map of wrong → right. Each becomes a Rule class like
the built-ins, so selection, severity, per-file ignores, fixes and output treat them alike.
"""
from __future__ import annotations

import re as _re
from typing import Any

from .patterns import regex

from .finding import CATEGORIES, Applicability, Fix, FixAvailability, FixSafety, Severity
from .layout import Kind
from .rule import ConfigError, Option, Rule, did_you_mean

CODE_RE = _re.compile(r"^[A-Z]{2,6}[0-9]{3}$")
NAME_RE = _re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_KINDS = ("pattern", "substitution")
_FIELDS = {
    "code", "name", "kind", "category", "severity", "message", "description", "pattern",
    "replacement", "swap", "fix", "scope", "ignore-case", "timeout", "enabled",
}
DEFAULT_TIMEOUT = 1.0  # seconds a custom rule may spend on one page


class RuleTimeout(Exception):
    """A custom rule's expression ran past its time limit on a page."""


_PLACEHOLDER = _re.compile(r"\{(\w+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class CustomRule(Rule):
    origin = "custom"
    kind: str
    compiled: Any
    scope: frozenset[Kind] | None
    timeout: float
    template: str
    applicability: Applicability | None
    options = {"timeout": Option(DEFAULT_TIMEOUT, "seconds this rule may spend on one page")}

    def _matches(self, doc):
        limit = self.settings["timeout"]
        try:
            if self.scope is None:
                yield from ((0, m) for m in self.compiled.finditer(doc.text, timeout=limit))
                return
            for para in doc.paragraphs:
                if para.kind in self.scope:
                    yield from ((para.start, m) for m in self.compiled.finditer(para.text, timeout=limit))
        except TimeoutError:
            raise RuleTimeout(f"{self.code} ({self.name}): the pattern ran past its time limit "
                              f"of {limit:g} s on this page (catastrophic backtracking?)") from None

    def _replacement(self, m) -> str | None:
        raise NotImplementedError

    def check(self, doc):
        for base, m in self._matches(doc):
            if m.end() == m.start():
                continue  # an empty match marks nothing
            start, end = base + m.start(), base + m.end()
            replacement = self._replacement(m)
            values = {"match": m.group(), "replacement": replacement or ""}
            values.update({str(i): g or "" for i, g in enumerate(m.groups(), 1)})
            message = _fill(self.template, values)
            fix = None
            if replacement is not None and self.applicability is not None:
                fix = Fix.replace(start, end, replacement, f"Replace with '{replacement}'",
                                  self.applicability)
            yield self.finding(start, end, message, fix)


class PatternRule(CustomRule):
    def _replacement(self, m):
        if self.replacement_template is None:
            return None
        return m.expand(self.replacement_template)


class SubstitutionRule(CustomRule):
    def _replacement(self, m):
        return self.swap[m.group()] if m.group() in self.swap else self.swap_folded[m.group().casefold()]


def build_custom_rule(spec: dict, where: str, taken: set[str]) -> type[CustomRule]:
    """Turn one YAML definition into a Rule class. `where` is 'file:line' for error messages."""

    def fail(message: str) -> ConfigError:
        label = spec.get("code") or spec.get("name") or "custom rule"
        return ConfigError(f"{where}: custom rule {label}: {message}")

    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: a custom rule must be a mapping, not {type(spec).__name__}")
    for key in spec:
        if key not in _FIELDS:
            raise fail(f"unknown field '{key}'" + did_you_mean(str(key), _FIELDS))
    for required in ("code", "name", "kind"):
        if required not in spec:
            raise fail(f"missing field '{required}'")
    code, name, kind = str(spec["code"]), str(spec["name"]), spec["kind"]
    if not CODE_RE.match(code):
        raise fail("code must be 2-6 capital letters and 3 digits, e.g. HSE001")
    if code in taken:
        raise fail(f"code {code} is already taken")
    if not NAME_RE.match(name):
        raise fail("name must be kebab-case, e.g. no-double-dengdeng")
    if kind not in _KINDS:
        raise fail(f"kind must be one of {', '.join(_KINDS)}, not {kind!r}" + did_you_mean(str(kind), _KINDS))
    category = spec.get("category", "typo")
    if category not in CATEGORIES:
        raise fail(f"category must be one of {', '.join(CATEGORIES)}" + did_you_mean(str(category), CATEGORIES))
    try:
        severity = Severity(spec.get("severity", "warning"))
    except ValueError:
        raise fail("severity must be info, warning or error") from None
    scope = spec.get("scope")
    if scope is not None:
        scope = [scope] if isinstance(scope, str) else scope
        kinds = {k.value for k in Kind}
        bad = [s for s in scope if s not in kinds]
        if bad:
            raise fail(f"unknown scope {bad[0]!r}; scopes are {', '.join(sorted(kinds))}")
        scope = frozenset(Kind(s) for s in scope)
    flags = regex.V1 | (regex.IGNORECASE if spec.get("ignore-case") else 0)
    fix_kind = spec.get("fix", "safe" if kind == "substitution" else "unsafe")
    if fix_kind not in ("safe", "unsafe", "none"):
        raise fail("fix must be safe, unsafe or none")
    applicability = None if fix_kind == "none" else Applicability(fix_kind)
    timeout = spec.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise fail("timeout must be a positive number of seconds")

    attrs: dict[str, Any] = dict(
        code=code, name=name, category=category, severity=severity, kind=kind, scope=scope,
        applicability=applicability, __module__=__name__,
        options={"timeout": Option(float(timeout), "seconds this rule may spend on one page")},
    )
    if kind == "pattern":
        pattern = spec.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise fail("a pattern rule needs a 'pattern' (a regular expression)")
        try:
            attrs["compiled"] = regex.compile(pattern, flags)
        except regex.error as e:
            raise fail(f"bad pattern {pattern!r}: {e}") from None
        replacement = spec.get("replacement")
        if replacement is not None and not isinstance(replacement, str):
            raise fail("replacement must be a string")
        if replacement is not None:
            bad_ref = _bad_group_reference(replacement, attrs["compiled"])
            if bad_ref:
                raise fail(f"replacement {replacement!r} refers to {bad_ref}, which the pattern "
                           "does not have")
        attrs["replacement_template"] = replacement
        if "message" not in spec:
            raise fail("a pattern rule needs a 'message' ({match} and {1}, {2}... are filled in)")
        attrs["template"] = str(spec["message"])
        if replacement is not None and applicability is not None:
            attrs["fix_availability"], attrs["fix_safety"] = FixAvailability.ALWAYS, FixSafety(applicability.value)
        base: type[CustomRule] = PatternRule
    else:
        swap = spec.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise fail("a substitution rule needs 'swap': a mapping of wrong → right")
        swap = {str(k): str(v) for k, v in swap.items()}
        alternation = "|".join(regex.escape(k) for k in sorted(swap, key=lambda w: (-len(w), w)))
        attrs["compiled"] = regex.compile(alternation, flags)
        attrs["swap"] = swap
        attrs["swap_folded"] = {k.casefold(): v for k, v in swap.items()}
        attrs["template"] = str(spec.get("message", "'{match}' should be '{replacement}'"))
        if applicability is not None:
            attrs["fix_availability"], attrs["fix_safety"] = FixAvailability.ALWAYS, FixSafety(applicability.value)
        base = SubstitutionRule
    attrs["definition"] = repr(_plain(spec))  # part of the result cache's key: an edited rule runs again
    description = spec.get("description") or f"{attrs['template']} (custom {kind} rule)"
    attrs["__doc__"] = f"{description}\n\nDefined in {where}."
    attrs["default_enabled"] = bool(spec.get("enabled", True))
    return type(f"Custom{code}", (base,), attrs)


def _plain(value: Any) -> Any:
    """A definition as plain data (no line numbers), the same for the same YAML."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _bad_group_reference(template: str, compiled) -> str | None:
    for m in _re.finditer(r"\\(\d+)|\\g<([^>]*)>", template):
        ref = m.group(1) or m.group(2)
        if ref.isdigit():
            if int(ref) > compiled.groups:
                return f"group {ref}"
        elif ref not in compiled.groupindex:
            return f"group '{ref}'"
    return None
