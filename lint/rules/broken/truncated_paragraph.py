from lint.finding import Severity

from ._seams import ReadsSeams


class TruncatedParagraph(ReadsSeams):
    """A paragraph that breaks off mid-sentence with nothing on the page to carry it on.

    What it finds: a body paragraph whose last sentence has no end, followed by the start of
    something else: a headline, a byline or column label, a paragraph opening with a dateline
    (000: '…我市将专业镇建' then '新华社北京2月4日电…'), or the end of the page.

    Why it matters: the rest of the article is on another page, or was lost; the text cannot be
    repaired from this page, but whoever uses it should know it stops mid-sentence.

    Flags:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要全面加强基层的⏎` (the page ends inside a sentence)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要全面加强基层的⏎⏎新华社北京2月4日电　会议今天举行。⏎` (a new article follows)

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议强调，要全面加强基层治理（下转第二版）⏎` (a page-jump marker: BRK004 reports it)
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批⏎准了省政府工作报告。⏎` (the next body text carries it on: BRK001)

    Fix safety: none: the continuation is not on the page. The message names the evidence.
    """

    code = "BRK003"
    name = "truncated-paragraph"
    category = "broken-paragraph"
    severity = Severity.WARNING

    def check(self, doc):
        text = doc.text
        for seam in self.seams(doc):
            if not seam.stop:
                continue
            tail = text[seam.first.content_start:seam.tail_end]
            yield self.finding(
                seam.tail_end - min(len(tail), 4), seam.tail_end,
                f"Paragraph at line {seam.first.line} breaks off mid-sentence ('…{tail[-10:]}') and "
                f"nothing on the page carries it on: {seam.stop}")
