from lint.finding import Applicability, Fix, Severity

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
    (short, no stop) is joined only on evidence at the seam.

    Leaves alone: a paragraph that ends a sentence, or with a colon (a list or a quotation
    follows), or with a page-jump marker (BRK004); a next block that starts something new (a
    headline, byline, column label, or a dateline such as 新华社北京2月4日电: BRK003 reports the
    truncation instead); captions between the halves (BRK002).

    Fix: join the two paragraphs (when the same characters stand on both sides of the break,
    the join drops the copy, as DUP002 does). Safe when the evidence above is present; unsafe
    when only the open sentence speaks for it.
    """

    code = "BRK001"
    name = "paragraph-broken-mid-sentence"
    category = "broken-paragraph"
    severity = Severity.WARNING
    fix = Applicability.SAFE

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
