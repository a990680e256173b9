from lint.chars import WHITESPACE
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.patterns import lazy
from lint.rule import Rule

from ._lines import lines_with

_NUM = r"[\d０-９一二三四五六七八九十〇零]"
_DATE = rf"{_NUM}{{2,4}}\s*年\s*{_NUM}{{1,2}}\s*月\s*{_NUM}{{1,3}}\s*日"
_WEEKDAY = r"星期[一二三四五六日天]|周[一二三四五六日]"
_EDITION = rf"第\s*{_NUM}{{1,3}}\s*版|{_NUM}{{1,3}}\s*版"
_PAPER = r"\p{Han}{1,6}(?:日报|晚报|早报|时报|商报|青年报|法制报|报)"
# the parts of a running head, in any order, with spaces and a section name (要闻, 国际) between
_PART = lazy(rf"{_DATE}|{_WEEKDAY}|{_EDITION}|{_PAPER}")
# a date, its weekday and the edition run together: a running head even inside a paragraph
_INLINE = lazy(rf"{_DATE}\s*(?:{_WEEKDAY})\s*(?:{_EDITION})")
_FOLIO = lazy(rf"^(?:[·•\-—－]\s*{_NUM}{{1,3}}\s*[·•.．\-—－]|第\s*{_NUM}{{1,3}}\s*版)$")
SECTION_WORDS = 4  # Han characters a running head may hold beside its parts (要闻, 国际新闻)
# Every finding needs a date (年) or an edition (版), or is a folio, which opens with one of its
# marks: the lines with none of these characters are passed over in one pass
_MAY_HOLD_HEAD = lazy(r"[年版·•\-—－]")


class RunningHead(Rule):
    """A running head or folio in the text: 人民日报 2019年10月1日 星期二 第4版, ·3·.

    What it finds: a line made of at least two of a newspaper's name, a date, a weekday and an
    edition number (第二版), with at most a short section name beside them; a folio line (·3·,
    -3-); and a date, weekday and edition run together inside a paragraph, where the page's head
    landed in the text.

    Why it matters: the head and folio are page furniture, printed on every page: in the text
    they interrupt an article, and in a corpus they repeat on every page. The finding has its
    own code so a pipeline can drop such lines (`--select FUR002 --fix --unsafe-fixes`).

    Flags:
    - `人民日报 2019年10月1日 星期二 第4版⏎　　国庆假期首日，各地秩序井然。⏎` →
      `　　国庆假期首日，各地秩序井然。⏎` (unsafe)
    - `1967年1月31日星期二第二版⏎` → `` (unsafe)
    - `　　我们要1967年1月31日星期二第二版坚持学习。⏎` → `　　我们要坚持学习。⏎` (unsafe)
    - `·3·⏎` → `` (unsafe)

    Leaves alone:
    - `　　2019年10月1日，首都各界隆重庆祝。⏎` (a date in a sentence)
    - `（2019年10月1日）⏎` (a speech's date line)
    - `　　详见本报第4版。⏎` (a reference to an edition)

    Fix safety: always available, and unsafe: the line (or the run) is deleted, which a
    pipeline wants and an archive editor may not (a date line can be the article's own).
    """

    code = "FUR002"
    name = "running-head"
    category = "furniture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.UNSAFE

    def check(self, doc):
        text = doc.text
        for start, end, line, body in lines_with(text, _MAY_HOLD_HEAD):
            if _running_head(body) or _FOLIO.match(body):
                yield self.finding(start, start + len(line), f"running head or folio: '{body}'",
                                   Fix.delete(start, end, "Delete the line", Applicability.UNSAFE))
                continue
            if "版" not in line:
                continue  # a running head inside the text ends with the edition
            for m in _INLINE.finditer(line):
                at = start + m.start()
                yield self.finding(at, at + len(m.group()), f"running head inside the text: '{m.group()}'",
                                   Fix.delete(at, at + len(m.group()), "Delete the running head",
                                              Applicability.UNSAFE))


def _running_head(body: str) -> bool:
    if not _two_kinds_of_part(body):
        return False
    parts = list(_PART.finditer(body))
    kinds = {_kind(m.group()) for m in parts}
    if len(kinds) < 2 or "date" not in kinds and "edition" not in kinds:
        return False
    rest = _PART.sub("", body)
    rest = "".join(c for c in rest if c not in WHITESPACE)
    return len(rest) <= SECTION_WORDS and all("\u4e00" <= c <= "\u9fff" for c in rest)


def _two_kinds_of_part(body: str) -> bool:
    """What every running head holds, tested before the costly search for its parts: a date
    (年, 月 and 日) or an edition (版), and a part of another kind (a weekday: 星期 or 周, a
    paper: 报)."""
    date = "年" in body and "月" in body and "日" in body
    edition = "版" in body
    weekday = "星期" in body or "周" in body
    paper = "报" in body
    return (date or edition) and date + edition + weekday + paper >= 2


def _kind(part: str) -> str:
    if part.endswith("日") and "年" in part:
        return "date"
    if part.startswith(("星期", "周")):
        return "weekday"
    if part.endswith("版"):
        return "edition"
    return "paper"
