"""House rules written in YAML, no Python: seven kinds, after Vale's checks.

- `pattern`: a regular expression (the `regex` module: \\p{Han} and friends) and a message, with
  an optional replacement;
- `substitution`: a map of wrong → right;
- `existence`: tokens that must not appear;
- `occurrence`: a token at most `max` or at least `min` times a page or a paragraph;
- `repetition`: a token written twice or more back to back (an OCR double), with a fix that
  keeps one;
- `consistency`: of two spellings, one a page (身份 or 身分): the rarer is flagged, with a fix to
  the other;
- `conditional`: an abbreviation only after its full form (世卫组织 after 世界卫生组织).

Tokens are literal text unless `raw: true` makes them regular expressions. Chinese has no spaces
between words, so a token matches wherever its text is, inside longer words too; `exceptions`
lists the longer texts in which a match is allowed (目的的 for the token 的). Each definition
becomes a Rule class like the built-ins, so selection, severity, per-file ignores, fixes, time
limits and output treat them alike. A definition is checked when the configuration loads: an
unknown field, a field of another kind, a missing or mistyped value, a pattern that does not
compile, a message placeholder the kind does not fill in are errors naming the file and line.
"""
from __future__ import annotations

import re as _re
import time
from collections import Counter
from typing import Any, Iterable, Iterator

from .patterns import regex

from .chars import WHITESPACE
from .finding import CATEGORIES, Applicability, Fix, FixAvailability, FixSafety, Related, Severity
from .layout import Kind
from .rule import ConfigError, Option, Rule, did_you_mean

CODE_RE = _re.compile(r"^[A-Z]{2,6}[0-9]{3}$")
NAME_RE = _re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_COMMON = ("code", "name", "kind", "category", "severity", "message", "description", "scope",
           "ignore-case", "timeout", "enabled")
_KIND_FIELDS = {  # the fields of each kind, beside the common ones
    "pattern": ("pattern", "replacement", "fix"),
    "substitution": ("swap", "fix"),
    "existence": ("tokens", "raw", "exceptions"),
    "occurrence": ("token", "raw", "max", "min", "per"),
    "repetition": ("tokens", "raw", "exceptions", "fix"),
    "consistency": ("either", "raw", "fix"),
    "conditional": ("first", "second", "raw", "exceptions"),
}
_KINDS = tuple(_KIND_FIELDS)
_FIELDS = set(_COMMON).union(*_KIND_FIELDS.values())
# what the message of each new kind fills in (pattern and substitution fill in {match},
# {replacement} and the groups, and leave any other {name} as written)
_PLACEHOLDERS = {
    "existence": ("match",),
    "occurrence": ("match", "token", "count", "limit", "per"),
    "repetition": ("match", "token", "count"),
    "consistency": ("match", "count", "other", "other_count"),
    "conditional": ("match", "second"),
}
_DEFAULT_FIX = {"pattern": "unsafe", "substitution": "safe", "repetition": "unsafe", "consistency": "unsafe"}
# Vale's names for fields that are spelled otherwise here, or not needed
_VALE_HINTS = {
    "extends": "the kind is 'kind' here",
    "level": "the severity is 'severity' here",
    "ignorecase": "it is 'ignore-case' here",
    "nonword": "tokens match anywhere here, inside words too; a raw token can use look-arounds",
    "action": "a fix is the kind's own: 'replacement', 'swap', or 'fix' for repetition and consistency",
    "link": "put a link in 'description'",
}
DEFAULT_TIMEOUT = 1.0  # seconds a custom rule may spend on one page


class RuleTimeout(Exception):
    """A custom rule's expression ran past its time limit on a page."""


_PLACEHOLDER = _re.compile(r"\{(\w+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class _Clock:
    """The time a rule has left on a page, shared by all the expressions it runs there."""

    def __init__(self, limit: float):
        self.deadline = time.monotonic() + limit

    def finditer(self, compiled, text: str, overlapped: bool = False) -> Iterator:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return compiled.finditer(text, timeout=left, overlapped=overlapped)


class CustomRule(Rule):
    origin = "custom"
    kind: str
    compiled: Any
    exceptions: Any = None  # the texts in which a match is allowed (one expression), or None
    scope: frozenset[Kind] | None
    timeout: float
    template: str
    applicability: Applicability | None
    options = {"timeout": Option(DEFAULT_TIMEOUT, "seconds this rule may spend on one page")}

    def check(self, doc):
        limit = self.settings["timeout"]
        try:
            return list(self._check(doc, _Clock(limit)))
        except TimeoutError:
            raise RuleTimeout(f"{self.code} ({self.name}): the pattern ran past its time limit "
                              f"of {limit:g} s on this page (catastrophic backtracking?)") from None

    def _check(self, doc, clock: _Clock) -> Iterable:
        raise NotImplementedError

    def _pieces(self, doc) -> list[tuple[int, str]]:
        """The text the rule reads, as (offset, text): the page, or its paragraphs in scope."""
        if self.scope is None:
            return [(0, doc.text)]
        return [(p.start, p.text) for p in doc.paragraphs if p.kind in self.scope]

    def _matches(self, doc, clock: _Clock, compiled=None, excepting: bool = True):
        """(offset of the piece, match) for each non-empty match (outside the exceptions)."""
        for base, text in self._pieces(doc):
            allowed = self._allowed(clock, text) if excepting else []
            for m in clock.finditer(compiled or self.compiled, text):
                if m.end() > m.start() and not _inside(allowed, m.start(), m.end()):
                    yield base, m

    def _allowed(self, clock: _Clock, text: str) -> list[tuple[int, int]]:
        if self.exceptions is None:
            return []
        return [m.span() for m in clock.finditer(self.exceptions, text, overlapped=True)]

    def _message(self, **values: Any) -> str:
        return _fill(self.template, {k: str(v) for k, v in values.items()})


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


class _ReplacingRule(CustomRule):
    """pattern and substitution: each match is a finding, fixed by its replacement."""

    def _replacement(self, m) -> str | None:
        raise NotImplementedError

    def _check(self, doc, clock):
        for base, m in self._matches(doc, clock):
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


class PatternRule(_ReplacingRule):
    def _replacement(self, m):
        if self.replacement_template is None:
            return None
        return m.expand(self.replacement_template)


class SubstitutionRule(_ReplacingRule):
    def _replacement(self, m):
        return self.swap[m.group()] if m.group() in self.swap else self.swap_folded[m.group().casefold()]


class ExistenceRule(CustomRule):
    def _check(self, doc, clock):
        for base, m in self._matches(doc, clock):
            yield self.finding(base + m.start(), base + m.end(), self._message(match=m.group()))


class OccurrenceRule(CustomRule):
    token: str
    template_min: str
    per: str
    max: int | None
    min: int | None

    def _units(self, doc) -> list[tuple[tuple[int, int], list[tuple[int, str]]]]:
        """What is counted, one unit at a time: (where a finding for too few goes, the pieces)."""
        paragraphs = [p for p in doc.paragraphs if self.scope is None or p.kind in self.scope]
        if not paragraphs:
            return []  # nothing in scope: nothing to count

        def anchor(p) -> tuple[int, int]:
            return p.start + len(p.text) - len(p.text.lstrip(WHITESPACE)), p.end

        if self.per == "paragraph":
            return [(anchor(p), [(p.start, p.text)]) for p in paragraphs]
        return [(anchor(paragraphs[0]), self._pieces(doc))]

    def _check(self, doc, clock):
        for (start, end), pieces in self._units(doc):
            count, past = 0, None
            for base, text in pieces:
                for m in clock.finditer(self.compiled, text):
                    if m.end() > m.start():
                        count += 1
                        if self.max is not None and count == self.max + 1:
                            past = (base + m.start(), base + m.end(), m.group())
            if past is not None:
                yield self.finding(past[0], past[1], self._message(
                    match=past[2], token=self.token, count=count, limit=self.max, per=self.per))
            elif self.min is not None and count < self.min:
                yield self.finding(start, end, _fill(self.template_min, dict(
                    match=self.token, token=self.token, count=str(count), limit=str(self.min), per=self.per)))


class RepetitionRule(CustomRule):
    def _check(self, doc, clock):
        for base, m in self._matches(doc, clock):
            unit = m.group("nl_unit")
            start, end = base + m.start(), base + m.end()
            fix = None
            if self.applicability is not None:
                fix = Fix.delete(start + len(unit), end, f"Keep one '{unit}'", self.applicability)
            yield self.finding(start, end, self._message(
                match=m.group(), token=unit, count=len(m.captures("nl_again")) + 1), fix)


class ConsistencyRule(CustomRule):
    pairs: tuple[tuple[Any, Any], ...]

    def _check(self, doc, clock):
        for pair in self.pairs:
            a, b = ([(base + m.start(), base + m.end(), m.group()) for base, m in self._matches(doc, clock, c)]
                    for c in pair)
            if not a or not b:
                continue
            # the rarer spelling is flagged; of two as frequent, the one that comes later
            rare, usual = (a, b) if (len(a), b[0][0]) < (len(b), a[0][0]) else (b, a)
            texts = Counter(t for _, _, t in usual)
            other = max(texts, key=lambda t: (texts[t], -next(s for s, _, u in usual if u == t)))
            related = (Related(usual[0][0], f"the other spelling, '{usual[0][2]}' ({len(usual)} on this page)"),)
            for start, end, text in rare:
                fix = None
                if self.applicability is not None and len(texts) == 1:
                    fix = Fix.replace(start, end, other, f"Replace with '{other}'", self.applicability)
                message = self._message(match=text, count=len(rare), other=other, other_count=len(usual))
                yield self.finding(start, end, message, fix, related)


class ConditionalRule(CustomRule):
    second: Any
    second_text: str

    def _check(self, doc, clock):
        keyed = self.compiled.groups > 0 and self.second.groups > 0
        fold = self.ignore_case

        def key(m) -> str:
            k = (m.group(1) or m.group()) if keyed else m.group()
            return k.casefold() if fold else k

        full = [(base + m.start(), key(m)) for base, m in self._matches(doc, clock, self.second, False)]
        seen: set[str] = set()
        for base, m in self._matches(doc, clock):
            k = key(m)
            if k in seen:
                continue
            seen.add(k)
            start = base + m.start()
            if not any(s <= start and (not keyed or fk == k) for s, fk in full):
                yield self.finding(start, base + m.end(), self._message(match=m.group(), second=self.second_text))


_CLASSES: dict[str, type[CustomRule]] = {
    "pattern": PatternRule, "substitution": SubstitutionRule, "existence": ExistenceRule,
    "occurrence": OccurrenceRule, "repetition": RepetitionRule, "consistency": ConsistencyRule,
    "conditional": ConditionalRule,
}


class _Definition:
    """One YAML definition being read: typed access to its fields, and errors that name the file,
    the line of the field and the rule."""

    def __init__(self, spec: dict, where: str):
        self.spec, self.where = spec, where
        self.kind = ""

    def fail(self, message: str, key: str | None = None) -> ConfigError:
        label = self.spec.get("code") or self.spec.get("name") or "custom rule"
        return ConfigError(f"{self._where(key)}: custom rule {label}: {message}")

    def _where(self, key: str | None) -> str:
        lines = getattr(self.spec, "lines", {})
        path, _, line = self.where.rpartition(":")
        if key is not None and key in lines and path and line.isdigit():
            return f"{path}:{lines[key]}"
        return self.where

    def __contains__(self, key: str) -> bool:
        return key in self.spec

    def text(self, key: str, required: str | None = None) -> str | None:
        """A non-empty string (a whole number is read as its digits); `required`: the error's
        explanation when it is missing."""
        if key not in self.spec:
            if required:
                raise self.fail(f"a{'n' if self.kind[0] in 'aeiou' else ''} {self.kind} rule needs "
                                f"'{key}' ({required})")
            return None
        value = _scalar(self.spec[key])
        if value is None or value == "":
            raise self.fail(f"'{key}' must be a non-empty string, not {_shown(self.spec[key])}", key)
        return value

    def texts(self, key: str, required: str | None = None) -> list[str] | None:
        """A list of non-empty strings (one string stands for a list of one)."""
        if key not in self.spec:
            if required:
                raise self.fail(f"a{'n' if self.kind[0] in 'aeiou' else ''} {self.kind} rule needs "
                                f"'{key}' ({required})")
            return None
        raw = self.spec[key]
        items = raw if isinstance(raw, list) else [raw]
        values = [_scalar(v) for v in items]
        if not values or any(v is None or v == "" for v in values):
            bad = next((v for v, t in zip(items, values) if t is None or t == ""), raw)
            raise self.fail(f"'{key}' must be a list of non-empty strings; {_shown(bad)} is not one "
                            "(quote a token YAML reads otherwise, such as yes or no)", key)
        return values

    def flag(self, key: str) -> bool:
        value = self.spec.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false, not {_shown(value)}", key)
        return value

    def count(self, key: str, least: int) -> int | None:
        if key not in self.spec:
            return None
        value = self.spec[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise self.fail(f"'{key}' must be a whole number of at least {least}, not {_shown(value)}", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.spec.get(key, default)
        if value not in choices:
            raise self.fail(f"'{key}' must be {' or '.join(choices)}, not {_shown(value)}"
                            + did_you_mean(str(value), choices), key)
        return value

    def compile(self, key: str, source: str, flags: int, what: str = "pattern"):
        try:
            return regex.compile(source, flags)
        except regex.error as e:
            raise self.fail(f"bad {what} {source!r}: {e}", key) from None


def _scalar(value: Any) -> str | None:
    """A YAML scalar as text: a string, or a whole number's digits; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} ({value!r})"


def build_custom_rule(spec: dict, where: str, taken: set[str]) -> type[CustomRule]:
    """Turn one YAML definition into a Rule class. `where` is 'file:line' for error messages."""
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: a custom rule must be a mapping, not {type(spec).__name__}")
    d = _Definition(spec, where)
    fail = d.fail
    for key in spec:
        if key not in _FIELDS:
            hint = f" ({_VALE_HINTS[key]})" if key in _VALE_HINTS else did_you_mean(str(key), _FIELDS)
            raise fail(f"unknown field '{key}'" + hint, key)
    for required in ("code", "name", "kind"):
        if required not in spec:
            raise fail(f"missing field '{required}'")
    code, name, kind = str(spec["code"]), str(spec["name"]), spec["kind"]
    if not CODE_RE.match(code):
        raise fail("code must be 2-6 capital letters and 3 digits, e.g. HSE001", "code")
    if code in taken:
        raise fail(f"code {code} is already taken", "code")
    if not NAME_RE.match(name):
        raise fail("name must be kebab-case, e.g. no-double-dengdeng", "name")
    if kind not in _KINDS:
        raise fail(f"kind must be one of {', '.join(_KINDS)}, not {kind!r}" + did_you_mean(str(kind), _KINDS), "kind")
    d.kind = kind
    for key in spec:
        if key not in _COMMON and key not in _KIND_FIELDS[kind]:
            owners = [k for k, fields in _KIND_FIELDS.items() if key in fields]
            raise fail(f"'{key}' is a field of {', '.join(owners)} rules, not of {kind} rules "
                       f"(whose own fields are {', '.join(_KIND_FIELDS[kind])})", key)
    category = spec.get("category", "typo")
    if category not in CATEGORIES:
        raise fail(f"category must be one of {', '.join(CATEGORIES)}" + did_you_mean(str(category), CATEGORIES), "category")
    try:
        severity = Severity(spec.get("severity", "warning"))
    except ValueError:
        raise fail("severity must be info, warning or error", "severity") from None
    scope = d.texts("scope")
    if scope is not None:
        kinds = {k.value for k in Kind}
        bad = [s for s in scope if s not in kinds]
        if bad:
            raise fail(f"unknown scope {bad[0]!r}; scopes are {', '.join(sorted(kinds))}"
                       + did_you_mean(bad[0], kinds), "scope")
        scope = frozenset(Kind(s) for s in scope)
    ignore_case = d.flag("ignore-case")
    flags = regex.V1 | (regex.IGNORECASE if ignore_case else 0)
    applicability = None
    if kind in _DEFAULT_FIX:
        fix_kind = d.choice("fix", ("safe", "unsafe", "none"), _DEFAULT_FIX[kind])
        applicability = None if fix_kind == "none" else Applicability(fix_kind)
    timeout = spec.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise fail("timeout must be a positive number of seconds", "timeout")
    if not isinstance(spec.get("enabled", True), bool):
        raise fail(f"'enabled' must be true or false, not {_shown(spec['enabled'])}", "enabled")
    message = d.text("message")

    attrs: dict[str, Any] = dict(
        code=code, name=name, category=category, severity=severity, kind=kind, scope=scope,
        applicability=applicability, ignore_case=ignore_case, __module__=__name__,
        options={"timeout": Option(float(timeout), "seconds this rule may spend on one page")},
    )
    summary = _KIND_BUILDERS[kind](d, attrs, flags, message)
    if message is not None and kind in _PLACEHOLDERS:
        for m in _PLACEHOLDER.finditer(message):
            if m.group(1) not in _PLACEHOLDERS[kind]:
                raise fail(f"the message fills in {{{m.group(1)}}}, which {kind} rules do not have; "
                           f"they fill in {', '.join('{' + p + '}' for p in _PLACEHOLDERS[kind])}", "message")
    if applicability is None:
        attrs["fix_availability"] = FixAvailability.NONE
    else:
        attrs.setdefault("fix_availability", FixAvailability.ALWAYS)
        if attrs["fix_availability"] is not FixAvailability.NONE:
            attrs["fix_safety"] = FixSafety(applicability.value)
    attrs["definition"] = repr(_plain(spec))  # part of the result cache's key: an edited rule runs again
    description = spec.get("description") or f"{summary} (custom {kind} rule)"
    attrs["__doc__"] = f"{description}\n\nDefined in {where}."
    attrs["default_enabled"] = bool(spec.get("enabled", True))
    return type(f"Custom{code}", (_CLASSES[kind],), attrs)


def _tokens(d: _Definition, key: str, values: list[str], raw: bool, flags: int):
    """One expression matching any of the tokens: literal text, the longest first; or, raw, the
    expressions in their order (each compiled alone first, so that an error names it)."""
    if not raw:
        return "|".join(regex.escape(t) for t in sorted(set(values), key=lambda t: (-len(t), t)))
    for t in values:
        d.compile(key, t, flags, "token")
    return "|".join(f"(?:{t})" for t in values)


def _any_of(d: _Definition, key: str, values: list[str], raw: bool, flags: int, around: str = "{}"):
    """The compiled expression matching any of the tokens (`around` wraps it)."""
    return d.compile(key, around.format(_tokens(d, key, values, raw, flags)), flags, "tokens")


def _exceptions(d: _Definition, attrs: dict, flags: int) -> None:
    texts = d.texts("exceptions")
    if texts:
        attrs["exceptions"] = _any_of(d, "exceptions", texts, False, flags)


def _build_pattern(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    pattern = d.text("pattern", "a regular expression")
    attrs["compiled"] = d.compile("pattern", pattern, flags)
    replacement = d.spec.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise d.fail("replacement must be a string", "replacement")
    if replacement is not None:
        bad_ref = _bad_group_reference(replacement, attrs["compiled"])
        if bad_ref:
            raise d.fail(f"replacement {replacement!r} refers to {bad_ref}, which the pattern "
                         "does not have", "replacement")
    attrs["replacement_template"] = replacement
    if message is None:
        raise d.fail("a pattern rule needs a 'message' ({match} and {1}, {2}... are filled in)")
    attrs["template"] = message
    if replacement is None:
        attrs["fix_availability"] = FixAvailability.NONE
    return message


def _build_substitution(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    swap = d.spec.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise d.fail("a substitution rule needs 'swap': a mapping of wrong → right", "swap" if "swap" in d else None)
    for k, v in swap.items():
        if not _scalar(k) or _scalar(v) is None:
            raise d.fail(f"'swap' must map strings to strings; {k!r}: {v!r} does not", "swap")
    swap = {str(k): str(v) for k, v in swap.items()}
    attrs["compiled"] = _any_of(d, "swap", list(swap), False, flags)
    attrs["swap"] = swap
    attrs["swap_folded"] = {k.casefold(): v for k, v in swap.items()}
    attrs["template"] = message or "'{match}' should be '{replacement}'"
    return attrs["template"]


def _build_existence(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    tokens = d.texts("tokens", "a list of the texts that must not appear")
    raw = d.flag("raw")
    attrs["compiled"] = _any_of(d, "tokens", tokens, raw, flags)
    _exceptions(d, attrs, flags)
    attrs["template"] = message or "'{match}' should not appear"
    return f"Flags {_listed(tokens)}"


def _build_occurrence(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    token = d.text("token", "the text to count")
    raw = d.flag("raw")
    attrs["compiled"] = d.compile("token", token, flags, "token") if raw else regex.compile(regex.escape(token), flags)
    most, least = d.count("max", 0), d.count("min", 1)
    if most is None and least is None:
        raise d.fail("an occurrence rule needs 'max' or 'min' (or both): how many times the token may appear")
    if most is not None and least is not None and least > most:
        raise d.fail(f"'min' ({least}) is more than 'max' ({most})", "min")
    per = d.choice("per", ("page", "paragraph"), "page")
    attrs.update(token=token, max=most, min=least, per=per)
    attrs["template"] = message or "{count}× '{match}' (at most {limit} a {per})"
    attrs["template_min"] = message or "{count}× '{token}' (at least {limit} a {per})"
    bounds = " and ".join(f"{word} {n} time{'' if n == 1 else 's'}"
                          for word, n in (("at most", most), ("at least", least)) if n is not None)
    return f"'{token}' {bounds} a {per}"


def _build_repetition(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    tokens = d.texts("tokens", "the texts that must not be written twice in a row")
    raw = d.flag("raw")
    attrs["compiled"] = _any_of(d, "tokens", tokens, raw, flags, "(?P<nl_unit>{})(?P<nl_again>(?P=nl_unit))+")
    _exceptions(d, attrs, flags)
    attrs["template"] = message or "'{token}' is repeated: '{match}'"
    return f"Flags {_listed(tokens)} written twice or more in a row"


def _build_consistency(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    either = d.spec.get("either")
    if not isinstance(either, dict) or not either:
        raise d.fail("a consistency rule needs 'either': a mapping of one spelling to the other "
                     "(身份: 身分)", "either" if "either" in d else None)
    raw = d.flag("raw")
    pairs = []
    for a, b in either.items():
        sa, sb = _scalar(a), _scalar(b)
        if not sa or not sb:
            raise d.fail(f"'either' must map strings to strings; {a!r}: {b!r} does not", "either")
        if sa == sb:
            raise d.fail(f"'either' maps {sa!r} to itself", "either")
        pairs.append(tuple(d.compile("either", s, flags) if raw else regex.compile(regex.escape(s), flags)
                           for s in (sa, sb)))
    attrs["pairs"] = tuple(pairs)
    attrs["template"] = message or "'{match}' ({count}) and '{other}' ({other_count}) on one page: use '{other}'"
    if raw or d.flag("ignore-case"):  # the spelling kept may be written more than one way: no fix then
        attrs["fix_availability"] = FixAvailability.SOMETIMES
    return "One spelling a page: " + "; ".join(f"{a} or {b}" for a, b in either.items())


def _build_conditional(d: _Definition, attrs: dict, flags: int, message: str | None) -> str:
    raw = d.flag("raw")
    first = d.text("first", "the abbreviation")
    second = d.texts("second", "the full form, or a list of them")
    if raw and len(second) > 1:
        raise d.fail("with raw: true, 'second' is one expression (write alternatives with |)", "second")
    attrs["compiled"] = d.compile("first", first, flags) if raw else regex.compile(regex.escape(first), flags)
    attrs["second"] = d.compile("second", second[0], flags) if raw else _any_of(d, "second", second, False, flags)
    attrs["second_text"] = second[0]
    _exceptions(d, attrs, flags)
    attrs["template"] = message or "'{match}' before its full form '{second}' on this page"
    return f"'{first}' only after '{second[0]}'" + (f" (or {_listed(second[1:])})" if second[1:] else "")


_KIND_BUILDERS = {
    "pattern": _build_pattern, "substitution": _build_substitution, "existence": _build_existence,
    "occurrence": _build_occurrence, "repetition": _build_repetition, "consistency": _build_consistency,
    "conditional": _build_conditional,
}


def _listed(texts: list[str]) -> str:
    shown = ", ".join(f"'{t}'" for t in texts[:8])
    return shown + (f" and {len(texts) - 8} more" if len(texts) > 8 else "")


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
