from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.prose.columns import interleaved_blocks
from lint.rule import Rule


class InterleavedColumns(Rule):
    """Two columns read across: inside a block, the lines alternate between two texts.

    What it finds: a block of hard-wrapped lines (raw OCR output, one printed column line a
    line) that layout analysis read a row at a time across two columns: line 1 of column A,
    line 1 of column B, line 2 of A, line 2 of B... One finding per block, naming its lines and
    the seams that show it.

    Why it matters: every line break of the block joins two unrelated fragments. Reflowed, the
    block becomes two texts shuffled into one; the other rules then report cuts and lone
    quotation marks that are only the shuffle's (BRK001, BRK005 and PUN001 leave the block
    alone).

    Evidence, named in the message, seam by seam: in hard-wrapped text the end of a line runs
    on into the start of the next (a word across the break in a third of them, a number or a
    quotation in a few), and a short line that ends a paragraph is followed by a paragraph's
    first line. In a block read across this holds two lines on: the end of line i joins the
    start of line i+2 ('审议批' | '准了'), and hardly ever the start of line i+1; a paragraph
    ends and the next line runs on, a line is cut mid-sentence and the next one opens a
    paragraph. A block is reported when six or more lines of one column's width read so, with
    clear evidence over most of the block and hardly any for reading on line by line: ordinary
    text, where a third of the breaks join the next line, never does. On OCR of a poor scan,
    stray marks and spaces on most lines, only words and numbers across the breaks count. Three
    columns read across are not recognised, nor two whose lines are printed side by side on one
    line.

    Flags:
    - `今年以来全省各地认真贯彻落实会议精⏎国庆佳节之际，首都北京花团锦簇、旌⏎神，着力推动高质量发展，各项工作取⏎旗飘扬。天安门广场上，二十余万军民⏎得明显成效。全省经济运行稳中有进，⏎以盛大的阅兵仪式和群众游行欢庆伟大⏎就业形势保持稳定，群众获得感不断增⏎祖国七十华诞，场面壮观，气势恢宏。⏎` →
      `今年以来全省各地认真贯彻落实会议精⏎神，着力推动高质量发展，各项工作取⏎得明显成效。全省经济运行稳中有进，⏎就业形势保持稳定，群众获得感不断增⏎⏎国庆佳节之际，首都北京花团锦簇、旌⏎旗飘扬。天安门广场上，二十余万军民⏎以盛大的阅兵仪式和群众游行欢庆伟大⏎祖国七十华诞，场面壮观，气势恢宏。⏎`
      (精|神, 取|得, 旌|旗, 伟大|祖国 run two lines on)

    Leaves alone:
    - `今年以来，全省各地认真贯彻落实会议精⏎神，着力推动高质量发展，各项工作取⏎得明显成效。全省经济运行稳中有进，⏎就业形势保持稳定，群众获得感不断增⏎强，社会大局和谐稳定，各项事业全面⏎发展，改革开放不断深化。⏎` (hard-wrapped lines read in order: BRK005)
    - `手抓黄土我不放，⏎紧紧儿贴在心窝上。⏎几回回梦里回延安，⏎双手搂定宝塔山。⏎千声万声呼唤你，⏎母亲延安就在这里！⏎` (verse: lines shorter than a column)
    - `　　今年以来，全省各地认真贯彻落实会议精神。⏎　　会议强调，要抓好落实。⏎` (one paragraph a line)

    Fix safety: sometimes available, and unsafe: where every line of the block is one column
    line (none wider than the column, give or take a stray mark), the fix puts the two texts
    apart: the lines of the text the block's first line belongs to, a blank line, then the
    other's, each keeping its line breaks (BRK005 reflows them, BRK001 judges the seam between
    them as any other). Which of the two texts the column on the left printed, and where each
    goes on beyond the block, only the scan can tell.
    """

    code = "BRK006"
    name = "interleaved-columns"
    category = "broken-paragraph"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    fix_safety = FixSafety.UNSAFE

    def check(self, doc):
        lines = doc.lines
        for block in interleaved_blocks(doc):
            first, last = lines[block.first - 1], lines[block.last - 1]
            ones, others = block.streams()
            evidence = "; ".join(block.evidence[:3])
            message = (f"Lines {block.first}-{block.last} alternate between two columns read across "
                       f"(lines {_listed(ones)} carry one text, {_listed(others)} another): "
                       f"{block.across} seams read two lines on, {block.along} line by line ({evidence})")
            fix = None
            if block.regular:
                text = "\n".join(lines[n - 1].text for n in ones) + "\n\n" + "\n".join(lines[n - 1].text for n in others)
                fix = Fix.replace(first.start, last.end, text,
                                  f"Put the two columns apart: lines {_listed(ones)}, then {_listed(others)}",
                                  Applicability.UNSAFE)
            yield self.finding(first.start, first.end, message, fix)


def _listed(numbers: range) -> str:
    shown = ", ".join(map(str, numbers[:3]))
    return shown + ("…" if len(numbers) > 3 else "")
