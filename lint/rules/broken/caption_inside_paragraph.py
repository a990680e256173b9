from lint.finding import Fix, FixAvailability, FixSafety, Severity

from ._seams import ReadsSeams, content_end


class CaptionInsideParagraph(ReadsSeams):
    """A photo caption (and its credit) that layout analysis placed inside a paragraph.

    What it finds: a body paragraph that breaks off mid-sentence, then one or more caption or
    credit blocks, then body text that carries the sentence on (002: '…一步一个' | caption
    '2月6日，山西省第十四届人民代表大会…' | credit '山西日报记者 史晓波 摄' | '脚印把宏伟
    蓝图变为美好现实。').

    Why it matters: a photo sat in the middle of the column; reading order put its caption
    between the two halves of a sentence.

    Evidence, as for BRK001: a word across the break (一个脚印 is not listed, but the open
    sentence and the body text after the captions are), a clause mark ending the first half, a
    second half that cannot start a sentence.

    Flags:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批⏎　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄⏎准了省政府工作报告。⏎` →
      `　　今年以来，全省各地认真贯彻落实会议精神。会议审议批准了省政府工作报告。⏎　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄⏎`

    Leaves alone:
    - `　　今年以来，全省各地认真贯彻落实会议精神。会议审议并批准了报告。⏎　　2月5日，省政协会议在太原闭幕。山西日报记者 刘通摄⏎　　会议强调要抓好落实。⏎` (a caption after a paragraph that
      ends its sentence)

    Fix safety: always available: join the two halves and keep the caption blocks, unchanged and in
    their order, right after the joined paragraph. Safe when the evidence at the seam is strong (as
    for BRK001), unsafe otherwise.
    """

    code = "BRK002"
    name = "caption-inside-paragraph"
    category = "broken-paragraph"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE

    def check(self, doc):
        text = doc.text
        for seam in self.seams(doc):
            q = seam.second
            if q is None or not seam.between:
                continue
            first_caption, last_caption = seam.between[0], seam.between[-1]
            captions = text[first_caption.start:content_end(last_caption)]
            gap = text[content_end(last_caption):q.start]  # the break before the second half
            head = q.text[q.indent:].rstrip()
            tail = text[seam.first.content_start:seam.tail_end]
            lines = ", ".join(str(c.line) for c in seam.between)
            yield self.finding(  # marks the cut only: the captions themselves are not at fault
                seam.tail_end - 1, seam.tail_end,
                f"Caption (line{'s' if len(seam.between) > 1 else ''} {lines}) inside a paragraph: "
                f"'…{tail[-8:]}' | '{head[:8]}…' (lines {seam.first.line} and {q.line}): {seam.why}",
                Fix.replace(seam.tail_end, content_end(q), head + gap + captions,
                            "Join the two halves and put the caption after the paragraph",
                            seam.applicability))
