"""BRK006: a block whose lines alternate between two columns read across; its fix; and the cut
paragraphs and lone quotation marks that the other rules leave to it inside the block."""
from __future__ import annotations

import pytest

import lint.prose.columns as columns
from lint.chars import display_width
from lint.document import Document
from lint.finding import Applicability
from lint.prose.columns import interleaved_blocks
from tests.conftest import SEED_000, SEED_002, raw_text

HANGS = "，。、；：！？）》”’"

# Two columns of news prose, as two different articles print them side by side.
LEFT = ("今年以来，全省各地认真贯彻落实中央经济工作会议精神，坚持稳中求进工作总基调，推动高质量发展，"
        "各项工作取得明显成效。会上，省委书记强调，要坚定不移地继续积极推动共建“一带一路”走深走实，"
        "还要全力打造“放管服”改革升级版。全省上下要凝心聚力，奋力谱写新时代发展新篇章。")
RIGHT = ("国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇、旌旗飘扬。天安门广场上，二十余万军民"
         "以盛大的阅兵仪式和群众游行欢庆伟大祖国七十华诞，场面壮观，气势恢宏，充分展示了新时代中国人民的精神"
         "风貌和昂扬斗志。")
HEADLINE = "庆祝大会在京隆重举行"


def column_lines(paragraph: str, width: int = 17) -> list[str]:
    """A paragraph as per-column OCR prints it: a line a printed line, the first two characters
    short (its indent lost), a closing mark hanging past the edge rather than opening a line."""
    lines, line, room = [], "", width - 2
    for c in paragraph:
        if display_width(line + c) > room and c not in HANGS:
            lines.append(line)
            line, room = "", width
        line += c
    return lines + [line]


def read_across(rows: int = 6) -> tuple[str, list[str], list[str]]:
    """A page whose first `rows` rows of the two columns were read across (right column's line
    first), then the rest of each column as a block of its own: (page, first text's lines in the
    block, second text's lines)."""
    left, right = column_lines(LEFT), column_lines(RIGHT)
    block = [line for pair in zip(right[:rows], left[:rows]) for line in pair]
    page = (HEADLINE + "\n\n" + "\n".join(block) + "\n\n" + "\n".join(left[rows:]) + "\n\n"
            + "\n".join(right[rows:]) + "\n")
    return page, right[:rows], left[:rows]


def lines_of(text, findings):
    return [text.count("\n", 0, f.start) + 1 for f in findings]


@pytest.fixture
def blocks_unknown(monkeypatch):
    """The page's blocks read across left unknown to the rules, as before BRK006."""
    monkeypatch.setattr(columns, "_find", lambda doc: ())


class TestInterleavedColumns:
    def test_reports_the_block_once_with_its_lines_and_evidence(self, lint_with):
        page, _, _ = read_across()
        found = lint_with("BRK006")(page)
        assert len(found) == 1 and lines_of(page, found) == [3]
        message = found[0].message
        assert message.startswith("Lines 3-14 alternate between two columns read across (lines 3, 5, 7… carry "
                                  "one text, 4, 6, 8… another)")
        assert "'…、旌旗飘|扬。天安…' reads as one (lines 5 and 7)" in message  # a word two lines on
        assert "'“' opens in line 12 and '”' closes early in line 14" in message
        assert found[0].fix.applicability is Applicability.UNSAFE

    def test_the_fix_puts_the_two_texts_apart(self, lint_with):
        page, first, second = read_across()
        fixed = lint_with("BRK006").fix(page, unsafe=True)
        block = "\n".join(line for pair in zip(first, second) for line in pair)
        assert fixed == page.replace(block, "\n".join(first) + "\n\n" + "\n".join(second))
        assert lint_with("BRK006").fix(page) == page  # unsafe: not with --fix alone

    def test_the_block_starting_with_either_column(self):
        left, right = column_lines(LEFT), column_lines(RIGHT)
        for block in ([x for pair in zip(left[:6], right[:6]) for x in pair],
                      [x for pair in zip(right[:6], left[:6]) for x in pair][1:]):  # 11 lines, left first
            found = interleaved_blocks(Document(HEADLINE + "\n\n" + "\n".join(block) + "\n"))
            assert [(b.first, b.last) for b in found] == [(3, 2 + len(block))]
            assert found[0].regular

    def test_a_block_whose_lines_hold_two_columns_side_by_side_gets_no_fix(self, lint_with):
        page, first, second = read_across()
        wide = page.replace(first[2], first[2] + "  旁栏文字溢出到本行中来")
        found = lint_with("BRK006")(wide)
        assert len(found) == 1 and found[0].fix is None

    def test_leaves_ordinary_hard_wrapped_text_alone(self, lint_with):
        check = lint_with("BRK006")
        page = HEADLINE + "\n\n" + "\n".join(column_lines(LEFT)) + "\n\n" + "\n".join(column_lines(RIGHT)) + "\n"
        assert check(page) == []
        # the two columns one after the other in a single block, no blank line between
        assert check(HEADLINE + "\n" + "\n".join(column_lines(LEFT) + column_lines(RIGHT)) + "\n") == []

    def test_leaves_verse_lists_and_pages_of_paragraphs_alone(self, lint_with):
        check = lint_with("BRK006")
        verse = ["手抓黄土我不放，", "紧紧儿贴在心窝上。", "几回回梦里回延安，", "双手搂定宝塔山。"] * 3
        assert check("\n".join(verse) + "\n") == []
        items = [f"（{n}）具有良好的政治素质和职业道德；" for n in "一二三四五六七八"]
        assert check("招聘条件\n\n" + "\n".join(items) + "\n") == []
        assert check(HEADLINE + "\n\n　　" + LEFT + "\n　　" + RIGHT + "\n") == []
        assert check(raw_text(SEED_000)) == [] and check(raw_text(SEED_002)) == []


class TestKnockOnFindingsInsideTheBlock:
    """Inside a block read across, BRK001's cuts and PUN001's lone marks are the shuffle's: the
    rules leave the block to BRK006. With the blocks unknown (as before BRK006) they report them."""

    def test_brk001_joins_nothing_inside_the_block(self, lint_with, blocks_unknown):
        page, _, _ = read_across()
        found = lint_with("BRK001")(page)
        assert lines_of(page, found) == [14]  # '“放管' | '服”': the quotation mark across the break
        assert "'“' opens before the break" in found[0].message

    def test_brk001_joins_nothing_inside_a_block_it_knows(self, lint_with):
        page, _, _ = read_across()
        assert lint_with("BRK001")(page) == []

    def test_pun001_reports_the_quotation_split_between_columns_when_the_block_is_unknown(
            self, lint_with, blocks_unknown):
        page, _, _ = read_across()
        assert lines_of(page, lint_with("PUN001")(page)) == [12, 14]

    def test_pun001_matches_marks_two_lines_on_inside_the_block(self, lint_with):
        page, _, _ = read_across()
        assert lint_with("PUN001")(page) == []
        # a mark with no partner in its own text is still reported
        lonely = page.replace("要坚定不移地继续积极推动共建“一带", "要坚定不移地继续积极推动共建《一带")
        found = lint_with("PUN001")(lonely)
        assert lines_of(lonely, found) == [12, 14]
        assert {f.message.split(" ")[1] for f in found} == {"《", "”"}

    def test_brk005_leaves_the_block_to_brk006(self, lint_with, monkeypatch):
        page, _, _ = read_across()
        assert lines_of(page, lint_with("BRK005")(page)) == [16]  # the left column's rest, not the block
        monkeypatch.setattr(columns, "_find", lambda doc: ())
        assert lines_of(page, lint_with("BRK005")(page)) == [3, 16]  # the block reflowed as one text
