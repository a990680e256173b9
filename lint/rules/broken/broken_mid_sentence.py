from lint.finding import Fix, FixAvailability, FixSafety, Severity

from ._seams import ReadsSeams


class ParagraphBrokenMidSentence(ReadsSeams):
    """A paragraph cut in two where a column or page ends: the sentence runs on in the next block.

    What it finds: a body paragraph whose last sentence has no end (no 。！？… and no closing
    quote after one) followed directly by body text that carries it on: '审议批' | '准了省政府
    工作报告', '台湾是中国的领土，' | '中方必须…'.

    Why it matters: layout analysis ends a paragraph wherever a column ends. The cut breaks
    sentences (and words) in two for every reader, search index and language model downstream.

    Evidence, named in the message: a dictionary word that runs across the break (批准, 调度,
    潞州 is no word but 州区 is), a number or a quotation that does ('…和7' | '0家',
    '“一带' | '一路”'), a first half ending in a comma, an enumeration comma or semicolon, or in
    a character no sentence ends with (的, 和, 将, 从, “…), a second half opening with one no
    sentence starts with (的, 了, 们…) or with punctuation. Failing those, the open sentence
    itself, where body text before it has ended its sentences (not a deck under a headline)
    and it is not verse (short lines a clause each). A line the classifier takes for a subhead
    (short, no stop) is joined only on evidence at the seam, and a headline of phrases set apart
    by spaces (夜游兴起 游船灯光点亮都市夜) not even then; nor is a line whose last sentence is
    followed by a subhead set in on the same line (…先导区。　　狠抓项目  转换动能).

    Flags:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批⏎准了省政府工作报告。⏎` →
      `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批准了省政府工作报告。⏎` (批准 runs across the break)
    - `　　今年以来，全省各地认真贯彻落实会议精神。全省已有7⏎0家医院完成改造。⏎` → `　　今年以来，全省各地认真贯彻落实会议精神。全省已有70家医院完成改造。⏎` (a number)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要推动“一带⏎一路”建设。⏎` → `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要推动“一带一路”建设。⏎` (a quotation)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要抓好各项工作的⏎落实。⏎` → `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要抓好各项工作的落实。⏎` (的 ends no sentence)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要加强城市交通⏎交通管理，提升通行效率。⏎` →
      `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要加强城市交通管理，提升通行效率。⏎` (printed on both sides: the join drops the copy)

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调要抓好落实。⏎　　各地要加强领导。⏎` (the paragraph ends a sentence)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调要做好以下工作：⏎　　一是加强领导。⏎` (a colon: a list follows)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调要抓好落实（下转第二版）⏎` (a page-jump marker: BRK004)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要全面加强⏎新华社北京2月4日电　会议今天举行。⏎` (a new article starts: BRK003
      judges the truncation)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批⏎　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄⏎准了省政府工作报告。⏎` (a caption between the halves: BRK002)

    Fix safety: always available: join the two paragraphs (when the same characters stand on both
    sides of the break, the join drops the copy, judged as DUP002 judges it, with DUP002's
    options). Safe when the evidence above is present (a word, number or quotation across the
    break, a mark or particle that no sentence ends or starts with, a double); unsafe when only
    the open sentence speaks for it.
    """

    code = "BRK001"
    name = "paragraph-broken-mid-sentence"
    category = "broken-paragraph"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE

    def check(self, doc):
        text = doc.text
        for seam in self.seams(doc):
            q = seam.second
            if q is None or seam.between:
                continue
            tail = text[seam.first.content_start:seam.tail_end]
            head = q.text[q.indent:]
            yield self.finding(  # marks the end of the first half: the cut
                seam.tail_end - 1, seam.tail_end,
                f"Paragraph cut at a break: '…{tail[-8:]}' | '{head[:8]}…' (lines {seam.first.line} and "
                f"{q.line}): {seam.why}",
                # at a doubled seam the join drops the copy as DUP002 does
                Fix.delete(seam.tail_end, q.content_start + seam.doubled, "Join the two halves into one paragraph",
                           seam.applicability))
