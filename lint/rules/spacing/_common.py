"""What the spacing rules share: spaces that are layout, not slips."""
from lint.patterns import lazy

# A short quotation or a title may be display type with its own spacing: “国货大拜年 2024国货潮品全拼图”,
# 《中共中央 国务院关于…的意见》, 《高举旗帜 真抓实干 团结奋进》. Titles in 《》 run longer.
_QUOTED = lazy(r"“[^“”\n]{1,30}”|‘[^‘’\n]{1,30}’|「[^「」\n]{1,30}」|《[^《》\n]{1,80}》")
_SENTENCE_MARKS = set("，。！？；、,;")
_TITLE_MARKS = set("。！？；;")  # a title may list things: 《…人大、政协…》
_SEGMENT = lazy(r"[^\s\u3000“”‘’《》「」（）()——·：:]+")


def spaced_paragraphs(doc) -> list:
    """The paragraphs with a space, tab or ideographic space after the indent: all that the
    inner-space rules read, found once a page and before any paragraph's kind (which costs far
    more: 95 % of a page's lines have none)."""
    return doc.shared("spaced-paragraphs", lambda d: [p for p in d.paragraphs if _spaced(p.text, p.indent)])


def _spaced(text: str, indent: int) -> bool:
    return text.find(" ", indent) >= 0 or text.find("\u3000", indent) >= 0 or text.find("\t", indent) >= 0


def is_run_in(run: str) -> bool:
    """Two or more ideographic spaces inside a line are the indent of a paragraph run into the
    previous one (…开新局　　2019年9月16日，…): a paragraph break lost, not a spacing slip."""
    return len(run) >= 2 and run.strip("\u3000") == ""


def display_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations and titles that read as display type (no sentence punctuation inside)."""
    spans = []
    for m in _QUOTED.finditer(text):
        marks = _TITLE_MARKS if m.group().startswith("《") else _SENTENCE_MARKS
        if not marks.intersection(m.group()):
            spans.append(m.span())
    return spans


def within(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < start and end < b for a, b in quotes)


def separates_display_words(text: str, quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    """A space inside a display quotation between two segments of 3+ characters each (a slogan's
    separator); a shorter side is more likely a word that OCR split (“人民 科学家”)."""
    for a, b in quotes:
        if a < start and end < b:
            left = _SEGMENT.search(text[a + 1:start][::-1])
            right = _SEGMENT.match(text, end, b - 1)
            return bool(left and left.start() == 0 and len(left.group()) >= 3
                        and right and len(right.group()) >= 3)
    return False
