from lint.chars import WHITESPACE, display_width
from lint.finding import Applicability, Edit, Fix, FixAvailability, FixSafety, Severity
from lint.prose.sentences import ends_sentence
from lint.rule import Option, Rule

from ._wrap import hard_wrap

INDENT = "\u3000\u3000"  # how Chinese text opens a paragraph: two ideographic spaces


class HardWrappedLines(Rule):
    """Raw OCR output with a line break at the end of every printed line.

    What it finds: a page whose lines are nearly all as wide as the column (counting a digit
    or Latin letter as half a character) and mostly end mid-sentence, where the column edge cut
    them: the output of an OCR engine such as Tesseract before layout analysis.
    '周年。在远离祖国的异国他乡，我们一' | '起庆祝伟大祖国的生日。…'. One finding per block of
    wrapped lines (lines between blank lines).

    Why it matters: every printed line becomes a paragraph of its own; words and sentences are
    cut at each line end for search, segmentation and every other rule.

    How paragraphs are found again: a paragraph starts after a blank line, at an indented line,
    after a line that ends a sentence and stops short of the column, after any line shorter
    than the column by more than two characters (a subhead, a byline, a last line), and after
    a full line ending a sentence when the next line is two characters short (its indent lost)
    and runs on. Lines wider than the column (a headline across the page) stay as they are.

    How they are set (`paragraphs: indent`, the default): as Chinese text sets them, each
    paragraph that follows a sentence's end (or the headline) opens with two ideographic spaces,
    and a blank line between two such paragraphs goes. The page's first line (a headline's
    place) is never indented, and a break after an open sentence stays as printed, for BRK001
    to judge. `paragraphs: keep` leaves the paragraphs' starts and blank lines as OCR printed
    them.

    Flags:
    - `标题⏎今年以来全省各地认真贯彻落实会议精⏎神，着力推动高质量发展，各项工作取⏎得明显成效。⏎⏎全省经济运行稳中有进，就业形势保持⏎稳定，群众获得感不断增强，社会大局⏎和谐稳定，各项事业全面发展，改革开⏎放不断深化。⏎` →
      `标题⏎　　今年以来全省各地认真贯彻落实会议精神，着力推动高质量发展，各项工作取得明显成效。⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化。⏎`
    - `　　今年以来全省各地认真贯彻落实会⏎议精神，着力推动高质量发展，各项⏎工作取得明显成效。全省经济运行稳⏎中有进，就业形势保持稳定，群众获⏎得感不断增强，社会大局和谐稳定。⏎会议强调，要坚定信心，抓好落实。⏎` →
      `　　今年以来全省各地认真贯彻落实会议精神，着力推动高质量发展，各项工作取得明显成效。全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定。会议强调，要坚定信心，抓好落实。⏎`

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。⏎　　会议强调，要抓好落实。⏎` (one paragraph a
      line; also verse and lists, columns narrower than 10 characters, pages with fewer than 5
      full lines)

    Fix safety: always available, and unsafe: the reflow removes the line breaks inside each
    paragraph (joined without a space, as Chinese text is; a Latin word cut at the column edge
    joins up too), and a paragraph break that OCR printed without any sign is lost in the join;
    the cuts that then remain between blocks are BRK001's to judge.
    """

    code = "BRK005"
    name = "hard-wrapped-lines"
    category = "broken-paragraph"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.UNSAFE
    options = {
        "paragraphs": Option("indent", "how the reflowed paragraphs are set: 'indent' (each opens with two "
                                       "ideographic spaces, no blank line between two of them, as Chinese "
                                       "text sets them) or 'keep' (as OCR printed them)", ("indent", "keep")),
    }

    def check(self, doc):
        wrap = hard_wrap(doc)
        if wrap is None:
            return
        lines = doc.lines
        indent = self.settings["paragraphs"] == "indent"
        opening = next((line.number for line in lines if not line.is_blank), 0)  # a headline's place
        ends = {b.last: b for b in wrap.blocks}
        for block in wrap.blocks:
            first = lines[block.first - 1]
            edits = []
            for n in block.joins:
                line = lines[n - 1]
                edits.append(Edit(line.start + len(line.text.rstrip(WHITESPACE)), line.end + 1))
            if indent:
                edits += _paragraph_layout(lines, block, wrap.column, opening, ends)
            paragraphs = f"{block.paragraphs} paragraph{'s' if block.paragraphs > 1 else ''}"
            yield self.finding(
                first.start, first.end,
                f"Lines {block.first}-{block.last} are hard-wrapped at {wrap.column} characters a line "
                f"(raw OCR output): {len(block.joins)} line break{'s' if len(block.joins) > 1 else ''} "
                f"fall inside paragraphs; reflow makes them {paragraphs}",
                Fix(tuple(edits), Applicability.UNSAFE, f"Reflow into {paragraphs}"))


def _paragraph_layout(lines, block, column: int, opening: int, ends: dict) -> list[Edit]:
    """The edits that set a reflowed block's paragraphs as Chinese text sets them: each opens
    with two ideographic spaces (never the page's first line, a headline, nor a line wider than
    the column), and the blank lines between it and a reflowed block before it go."""
    edits = []
    joined = set(block.joins)
    before = block.first - 1
    while before >= 1 and lines[before - 1].is_blank:
        before -= 1
    for n in range(block.first, block.last + 1):
        line = lines[n - 1]
        above = n - 1 if n > block.first else before
        previous = lines[above - 1].text if above else ""
        starts = n == block.first or n - 1 not in joined
        # only after a sentence's end or the headline: a break after an open sentence may be a
        # cut (BRK001's)
        after_end = ends_sentence(previous.rstrip(WHITESPACE)) or above == opening
        if (starts and n != opening and line.text[:1] not in WHITESPACE and after_end
                and display_width(line.text.rstrip(WHITESPACE)) <= column + 1.5):
            edits.append(Edit(line.start, line.start, INDENT))
    if before in ends and before < block.first - 1 and ends_sentence(lines[before - 1].text.rstrip(WHITESPACE)):
        # the previous reflowed block ends at line `before`: drop the blank lines after it
        edits.append(Edit(lines[before].start, lines[block.first - 2].end + 1))
    return edits
