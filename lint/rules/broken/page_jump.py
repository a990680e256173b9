from functools import lru_cache
from pathlib import Path

from lint.patterns import lazy
from lint.corpus import PageIndexSpec, same_page
from lint.chars import WHITESPACE
from lint.document import Document
from lint.finding import Related, Severity
from lint.layout import Kind, Layout
from lint.pagecache import PageCache, version_of
from lint.rule import Option, Rule

_PAGE = lazy(r"(下转|上接|紧接|转|接|续|刊|详见|见)第?([\d一二三四五六七八九十百零〇]{1,3})版")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def page_number(numeral: str) -> int | None:
    """2, 二, 十二, 二十, 二十一 -> int."""
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    if len(numeral) == 1 and numeral in _DIGITS:
        return _DIGITS[numeral]
    return None


def _key(text: str) -> str:
    return "".join(c for c in text if c not in WHITESPACE)


def headline_before(doc: Document, index: int, reach: int = 40) -> str:
    """The nearest headline above paragraph `index`: the title of the article it belongs to."""
    for p in reversed(doc.paragraphs[max(0, index - reach):index]):
        if p.kind is Kind.HEADLINE and len(_key(p.text)) >= 4:
            return _key(p.text)
    return ""


def continuation_markers(text: str, layout) -> list[tuple[str, int, int, int]]:
    """(headline, offset, line, column) of every '（上接…）' marker of a page that opens the rest
    of an article, keyed by the headline printed above it."""
    if "上接" not in text and "接第" not in text:
        return []
    out = []
    doc = Document(text, layout)
    for n, p in enumerate(doc.paragraphs):
        for s in p.spans:
            if s.kind == "jump" and "接" in text[s.start:s.end]:
                key = headline_before(doc, n, reach=3)
                if key:
                    pos = doc.position(s.start)
                    out.append((key, s.start, pos.line, pos.column))
    return out


def combine(pages) -> dict[str, list[tuple[str, int, int, int]]]:
    """Headline -> (page, offset, line, column) of the continuations across the corpus."""
    out: dict[str, list[tuple[str, int, int, int]]] = {}
    for name, markers in pages:
        for key, offset, line, column in markers:
            out.setdefault(key, []).append((name, offset, line, column))
    return out


@lru_cache(maxsize=8)
def _version(vocab: str) -> str:
    here = Path(__file__).resolve().parent.parent.parent  # lint/
    return version_of([Path(__file__), here / "layout.py", here / "document.py"], vocab)


def continuations_spec(layout) -> PageIndexSpec:
    layout = layout or Layout.default()
    version = _version(repr(sorted(layout.vocab.items())))
    return PageIndexSpec(f"page-jump-continuations:{version}",
                         lambda: PageCache("page-jumps", version, lambda text: continuation_markers(text, layout)),
                         combine)


class PageJump(Rule):
    """A page-jump marker: the article goes on, or comes from, another page.

    What it finds: '（下转第二版）', '（上接第一版）', a teaser '刊2版' on a line of its own, and
    says which page the marker points to. When the configured `corpus` (or the run's other
    pages) holds the continuation, a page whose '（上接…）' marker stands under the same
    headline, `related` points at it.

    Why it matters: the text of the article is not all on this page. A marker is correct
    newspaper layout, not damage: it is reported as information, so that joins and truncation
    checks across pages know where to look.

    Flags:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调要抓好落实。（下转第二版）⏎`
    - `　　（上接第一版）会议强调要抓好落实。⏎`

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调要抓好落实。⏎` (no marker; a marker is never deleted or rewritten)

    Fix safety: none.
    """

    code = "BRK004"
    name = "page-jump"
    category = "broken-paragraph"
    severity = Severity.INFO
    options = {"max-related": Option(3, "continuation pages listed in related, at most")}
    uses_corpus = True

    def corpus_indexes(self, layout) -> list:
        return [continuations_spec(layout)]

    def check(self, doc):
        for n, p in enumerate(doc.paragraphs):
            for s in p.spans:
                if s.kind != "jump":
                    continue
                marker = doc.text[s.start:s.end]
                m = _PAGE.search(marker)
                if m is None:
                    continue
                verb, number = m.group(1), page_number(m.group(2))
                where = f"page {number}" if number is not None else f"page {m.group(2)}"
                if verb in ("上接", "紧接", "接"):
                    message = f"Page jump '{marker}': this text continues an article from {where}"
                else:
                    message = f"Page jump '{marker}': the article continues on {where}"
                related = self._continuation(doc, n) if verb == "下转" or verb == "转" else ()
                if related:
                    message += f" (found: {related[0].path}:{related[0].line})"
                yield self.finding(s.start, s.end, message, related=related)

    def _continuation(self, doc: Document, index: int) -> tuple[Related, ...]:
        if doc.corpus is None or not doc.corpus.holds_other_pages(doc.path):
            return ()
        title = headline_before(doc, index)
        if not title:
            return ()
        found = doc.corpus.index_from(continuations_spec(doc.layout))
        places = [pl for pl in found.get(title, ()) if not same_page(doc.path, pl[0])]
        return tuple(Related(offset, "the continuation", name, line, column)
                     for name, offset, line, column in places[:self.settings["max-related"]])
