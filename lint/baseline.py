"""Baselines: today's findings recorded by content, so that later runs report only new ones.

An entry is keyed by what was flagged, not where: the rule, the flagged text and a little text on
each side, with all whitespace removed (a page re-flowed or fixed elsewhere keeps its keys), and
the number of earlier findings on the page with the same key (two identical slips on one page
are two entries). The same key is SARIF's partial fingerprint.

File format (JSON, UTF-8, sorted, one entry per finding):

    {"version": 1, "tool": "newslint",
     "entries": [{"path": "seeds/000.txt", "rule": "PUN001", "key": "3f2a…", "text": "”"}, …]}

`path` is the page as given on the command line (forward slashes), `key` a 16-digit hex digest,
`text` the flagged text (up to 40 characters), kept for people reading the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable


from .digest import blake2b
from .finding import Finding
from .patterns import lazy
from .records import record

CONTEXT = 6  # characters (whitespace removed) on each side that belong to a finding's key
VERSION = 1
_SPACE = lazy(r"\s+")


def _squeeze(s: str) -> str:
    return _SPACE.sub("", s)


def content_keys(text: str, findings: Iterable[Finding]) -> list[str]:
    """A key per finding (in the order given) that survives re-flowing and edits elsewhere."""
    keys, seen = [], {}
    for f in findings:
        flagged = _squeeze(text[f.start:f.end]) or text[f.start:f.end]
        before = _squeeze(text[max(0, f.start - 4 * CONTEXT):f.start])[-CONTEXT:]
        after = _squeeze(text[f.end:f.end + 4 * CONTEXT])[:CONTEXT]
        base = "\x1f".join((f.rule, flagged, before, after))
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(blake2b(f"{base}\x1f{n}".encode("utf-8", "surrogatepass"), digest_size=8).hexdigest())
    return keys


@record(frozen=True)
class Entry:
    path: str
    rule: str
    key: str
    text: str = ""


def _norm(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


class Baseline:
    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries = list(entries)
        self._keys = {(e.path, e.key) for e in self.entries}
        self.matched: set[tuple[str, str]] = set()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError(f"{path}: not a newslint baseline (version {VERSION})")
        return cls(Entry(e["path"], e["rule"], e["key"], e.get("text", "")) for e in data["entries"])

    @classmethod
    def of(cls, pages: Iterable[tuple[str, str, list[Finding]]]) -> Baseline:
        """The baseline of (path, text, findings) triples."""
        entries = []
        for path, text, findings in pages:
            for f, key in zip(findings, content_keys(text, findings)):
                entries.append(Entry(_norm(path), f.rule, key, text[f.start:f.end][:40]))
        return cls(entries)

    def dumps(self) -> str:
        entries = sorted(self.entries, key=lambda e: (e.path, e.rule, e.key))
        return json.dumps({"version": VERSION, "tool": "newslint",
                           "entries": [e.__dict__ for e in entries]}, ensure_ascii=False, indent=1) + "\n"

    def new_findings(self, path: str, text: str, findings: list[Finding]) -> list[Finding]:
        """The findings of a page that the baseline does not hold; remembers the ones it does."""
        out = []
        for f, key in zip(findings, content_keys(text, findings)):
            k = (_norm(path), key)
            if k in self._keys:
                self.matched.add(k)
            else:
                out.append(f)
        return out

    def stale(self, checked: Iterable[str]) -> list[Entry]:
        """Entries of the pages checked in this run that no finding matched any more."""
        pages = {_norm(p) for p in checked}
        return [e for e in self.entries if e.path in pages and (e.path, e.key) not in self.matched]

    def pruned(self, checked: Iterable[str]) -> Baseline:
        gone = {(e.path, e.key) for e in self.stale(checked)}
        return Baseline(e for e in self.entries if (e.path, e.key) not in gone)
