"""What each paragraph of a page is: headline, byline, caption, credit, label, jump marker or body.

A paragraph is a non-blank line: in the seed pages each block (run of non-blank lines) is one
line, in People's Daily files a block holds many lines, each a paragraph indented with '　　'.
Besides a kind, a paragraph carries spans of house style inside it: the dateline that opens a
story (新华社北京2月4日电 , 本报讯（记者 郭宁）), the photo credit that ends a caption
(山西日报记者 刘通摄) and page-jump markers (（下转第二版）). The vocabulary is data
(rules/layout.yaml) and can be extended under `layout:` in a config.
"""
from __future__ import annotations

import re
from collections import Counter
from enum import Enum
from functools import lru_cache
from typing import Callable

from .chars import WHITESPACE
from .data import load_yaml, packs_dir
from .patterns import lazy
from .records import record


@record(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # offset of the line's "\n", or of the end of the text
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip(WHITESPACE)


class Kind(str, Enum):
    HEADLINE = "headline"  # also subheads and kickers
    BYLINE = "byline"  # also a dateline standing alone
    CAPTION = "caption"
    CREDIT = "credit"
    LABEL = "label"
    JUMP = "jump"
    BODY = "body"


@record(frozen=True, slots=True)
class Span:
    kind: str  # "dateline", "credit" or "jump"
    start: int
    end: int


class Paragraph:
    """A non-blank line of the page. Its kind (headline, body, caption…) and house-style spans
    are worked out on first use: the spacing rules ask only about the few lines with a space in
    them, and classifying every line was half the cost of a spacing-only run."""

    __slots__ = ("index", "block", "line", "start", "end", "text", "indent", "_kind", "_spans", "_classify")

    def __init__(self, index: int, block: int, line: int, start: int, end: int, text: str, indent: int,
                 kind: Kind | None = None, spans: tuple[Span, ...] = (),
                 classify: Callable[[Paragraph], tuple[Kind, tuple[Span, ...]]] | None = None):
        self.index, self.block, self.line = index, block, line  # line: 1-based line number
        self.start, self.end, self.text = start, end, text
        self.indent = indent  # leading whitespace, in characters
        self._kind, self._spans, self._classify = kind, spans, classify

    @property
    def kind(self) -> Kind:
        if self._kind is None:
            self._read()
        return self._kind  # type: ignore[return-value]

    @property
    def spans(self) -> tuple[Span, ...]:
        if self._kind is None:
            self._read()
        return self._spans

    def _read(self) -> None:
        self._kind, self._spans = self._classify(self)  # type: ignore[misc]
        self._classify = None  # it holds the page's paragraphs: no cycle left behind

    def _fields(self) -> tuple:
        return (self.index, self.block, self.line, self.start, self.end, self.text, self.indent, self.kind, self.spans)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paragraph) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Paragraph(index={self.index}, line={self.line}, start={self.start}, end={self.end}, "
                f"kind={self.kind}, text={self.text[:20]!r})")

    @property
    def content_start(self) -> int:
        return self.start + self.indent

    def in_span(self, start: int, end: int) -> Span | None:
        """The house-style span that overlaps [start, end), if any."""
        for s in self.spans:
            if s.start < max(end, start + 1) and start < s.end:
                return s
        return None


@record(frozen=True, slots=True)
class Block:
    index: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end

    @property
    def kind(self) -> Kind:
        if len(self.paragraphs) == 1:
            return self.paragraphs[0].kind
        return Counter(p.kind for p in self.paragraphs).most_common(1)[0][0]


_WS = r"[ \t\u3000\u00a0]"
_NUM = r"[\d〇零一二三四五六七八九十]{1,3}"
_NAME = r"[\p{Han}·•]{1,5}"
_SEP = r"[ \t\u3000\u00a0、，,]+"
_CLOSERS = "”’）》」』】〕)\"'"
_STOPS = "。！？!?"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class Layout:
    """Classifies the paragraphs of a document with a given vocabulary."""

    def __init__(self, vocab: dict):
        self.vocab = vocab  # what a cache of classified pages depends on
        self.headline_max = int(vocab.get("headline-max-length", 50))
        titles = _alternation(vocab.get("reporter-titles", ["记者"]))
        agencies = _alternation(vocab.get("agencies", ["新华社", "本报"]))
        endings = _alternation(vocab.get("credit-endings", ["摄"]))
        self.labels = tuple(sorted(set(vocab.get("labels", [])), key=lambda w: (-len(w), w)))
        self.dateline = lazy(
            rf"""(?:\p{{Han}}{{0,8}}?(?:日报|晚报|报|刊)讯
               | (?:{agencies})\p{{Han}}{{0,12}}?{_NUM}月{_NUM}日(?:电|讯|消息)
               | (?:{agencies})\p{{Han}}{{0,12}}?(?:电|讯)(?={_WS}|[（(])
               | 央视网消息(?:[（(][^（）()\n]{{1,12}}[）)])?
            )[：:]?
            (?:{_WS}*[（(][^（）()\n]{{1,40}}[）)])?
            {_WS}*""",
            "VERBOSE",
        )
        credit = (
            rf"""[（(]?
            (?: (?:\p{{Han}}{{0,8}}?(?:{titles})|新华社|中新社){_WS}*{_NAME}(?:{_SEP}{_NAME}){{0,3}}
                {_WS}*/?{_WS}*(?:{endings})
              | (?:新华社|中新社|人民视觉|视觉中国|\p{{Han}}{{0,8}}资料图片|\p{{Han}}{{2,10}}?供图)(?:发)?
            )[）)]?{_WS}*"""
        )
        # every credit ends with one of these, before closing brackets and spaces: a paragraph
        # that does not is no caption, and the costly search from every position is skipped
        self.credit_ends = tuple({*vocab.get("credit-endings", ["摄"]), "新华社", "中新社", "人民视觉", "视觉中国",
                                  "资料图片", "供图", "发"})
        self.credit_whole = lazy(rf"(?:{credit})$", "VERBOSE")
        self.credit_tail = lazy(rf"(?<=[。！？”）)]|{_WS})(?:{credit})$", "VERBOSE")
        self.byline = lazy(
            rf"""[（(]?(?:{titles})[：:]?{_WS}*{_NAME}(?:{_SEP}{_NAME}){{0,8}}[）)]?
               | [（(]{_NAME}(?:{_SEP}{_NAME}){{1,8}}[）)]""",
            "VERBOSE",
        )
        jump = r"[（(](?:下转|上接|转|接|续|紧接)第?[\d一二三四五六七八九十百零〇]{1,3}版[^（）()\n]{0,6}[）)]"
        self.jump = lazy(jump)
        self.jump_whole = lazy(
            rf"(?:{jump}|(?:刊|见|详见|转)第?[\d一二三四五六七八九十]{{1,3}}版)")

    def compile_patterns(self) -> None:
        """Compile the expressions now (they compile on first use): a configured vocabulary that
        breaks one fails when the config loads, with its file named."""
        for pattern in (self.dateline, self.credit_whole, self.credit_tail, self.byline, self.jump, self.jump_whole):
            pattern.pattern  # noqa: B018 - the first attribute access compiles

    @classmethod
    def default(cls) -> Layout:
        return _default_layout()

    @classmethod
    def with_overrides(cls, overrides: dict | None) -> Layout:
        if not overrides:
            return cls.default()
        vocab = dict(_default_vocab())
        for key, value in overrides.items():
            if isinstance(value, list) and isinstance(vocab.get(key), list):
                vocab[key] = list(vocab[key]) + list(value)  # lists extend the bundled vocabulary
            else:
                vocab[key] = value
        return cls(vocab)

    # -- classification -------------------------------------------------------------------

    def classify(self, lines: list[Line]) -> list[Paragraph]:
        """The page's paragraphs (its non-blank lines); each one's kind is found when first asked for."""
        paras: list[Paragraph] = []
        block = -1
        previous_blank = True
        indented_page = _indented_page(lines)

        own: dict[int, tuple[Kind, tuple[Span, ...]]] = {}  # by index: the line read alone

        def read_alone(p: Paragraph) -> tuple[Kind, tuple[Span, ...]]:
            if p.index not in own:
                own[p.index] = self._kind_of(p.text, p.indent, p.start, indented_page)
            return own[p.index]

        def kind_of(p: Paragraph) -> tuple[Kind, tuple[Span, ...]]:
            kind, spans = read_alone(p)
            # A paragraph right before a stand-alone credit is that photo's caption.
            if kind in (Kind.BODY, Kind.HEADLINE) and len(p.text) <= 200 and p.index + 1 < len(paras) \
                    and read_alone(paras[p.index + 1])[0] is Kind.CREDIT:
                kind = Kind.CAPTION
            return kind, spans

        for line in lines:
            text = line.text
            content = text.lstrip(WHITESPACE)
            if not content:  # (line.is_blank, without stripping the line twice)
                previous_blank = True
                continue
            if previous_blank:
                block += 1
                previous_blank = False
            indent = len(text) - len(content)
            paras.append(Paragraph(len(paras), block, line.number, line.start, line.end, text, indent,
                                   classify=kind_of))
        return paras

    def _kind_of(self, text: str, indent: int, offset: int,
                 indented_page: bool) -> tuple[Kind, tuple[Span, ...]]:
        content = text[indent:].rstrip(WHITESPACE)
        base = offset + indent
        if "版" in content and self.jump_whole.fullmatch(content):
            return Kind.JUMP, (Span("jump", base, base + len(content)),)
        credit_like = content.rstrip("）) \t\u3000\u00a0").endswith(self.credit_ends)
        if credit_like and self.credit_whole.fullmatch(content):
            return Kind.CREDIT, (Span("credit", base, base + len(content)),)
        if self.byline.fullmatch(content) or self.dateline.fullmatch(content):
            return Kind.BYLINE, ()
        if self._is_label(content):
            return Kind.LABEL, ()
        spans: list[Span] = []
        m = self.dateline.match(content)
        if m and m.end() > 0:
            spans.append(Span("dateline", base, base + m.end()))
        if "版" in content:  # every page jump names a page (版): skip the scan otherwise
            for m in self.jump.finditer(content):
                spans.append(Span("jump", base + m.start(), base + m.end()))
        m = self.credit_tail.search(content) if credit_like else None
        if m and m.start() > 0:
            start = m.start()
            while start > 0 and content[start - 1] in WHITESPACE:
                start -= 1  # the space that sets the credit apart is its own: …闭幕 新华社记者 李明摄
            spans.append(Span("credit", base + start, base + m.end()))
            return Kind.CAPTION, tuple(spans)
        # On a page whose body is indented, an unindented line is display type, however long.
        limit = 200 if indented_page and indent == 0 else self.headline_max
        if not spans and self._is_headline(content, limit):
            return Kind.HEADLINE, ()
        return Kind.BODY, tuple(spans)

    def _is_label(self, content: str) -> bool:
        if len(content) > 12:
            return False
        stripped = content.strip("—-·• \u3000\u00a0")
        return stripped.endswith(self.labels)

    def _is_headline(self, content: str, limit: int) -> bool:
        # A rubric in brackets after a headline does not count: 以担当诠释忠诚（守初心 担使命…）
        # (looked for only where it matters: a long line ending in a bracket; a line holds no "\n")
        length = len(content)
        if length > limit and content[-1] in "）)":
            length = len(_RUBRIC.sub("", content))
        if length > limit:
            # Longer display type (xwlb: 召开会议 听取…汇报 听取…报告 习近平主持) has no comma
            # and no stop at all; body text, even a fragment of it, has.
            return len(content) <= 200 and not any(c in content for c in "，。！？；,;")
        core = content.rstrip(_CLOSERS)
        if not core:
            return False
        inner = core[:-1]
        if any(c in inner for c in _STOPS):
            return False  # a sentence ends inside: body text
        last = core[-1]
        if last in "。…":
            return False
        if last in "，、；：,;:":
            return False  # a clause cut off: body text broken at a column
        if last in "！？!?":
            return len(content) <= 30 and "，" not in content
        return True


_RUBRIC = lazy(r"[（(][^（）()]*[）)]$")


def _indented_page(lines: list[Line]) -> bool:
    """Most long lines start with an indent: People's Daily style, one paragraph a line."""
    long_lines = [line.text for line in lines if len(line.text) > 40]
    indented = sum(1 for t in long_lines if t[:1] in ("\u3000", " ", "\t"))
    return bool(long_lines) and indented * 2 > len(long_lines)


def group_blocks(paragraphs: list[Paragraph]) -> list[Block]:
    blocks: list[Block] = []
    current: list[Paragraph] = []
    for p in paragraphs:
        if current and p.block != current[0].block:
            blocks.append(Block(len(blocks), tuple(current)))
            current = []
        current.append(p)
    if current:
        blocks.append(Block(len(blocks), tuple(current)))
    return blocks


@lru_cache(maxsize=1)
def _default_vocab() -> dict:
    return dict(load_yaml((packs_dir() / "layout.yaml").read_text(encoding="utf-8")) or {})


@lru_cache(maxsize=1)
def _default_layout() -> Layout:
    return Layout(_default_vocab())
