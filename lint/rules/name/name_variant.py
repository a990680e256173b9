from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity

from ._common import ReadsNameIndex, page_verdicts, related


class NameVariant(ReadsNameIndex):
    """A person's name spelled one character differently from the spelling the evidence backs.

    What it finds: a spelling that differs in one given-name character from another spelling
    of the same surname and length, when the evidence says they are one person:
    - the other spelling is in the name list (`names:` in the configuration) and holds the same
      place in a parallel list, or differs by a look-alike character; a listed name of three or
      four characters is looked for wherever it stands, its surname included, and however often
      the page prints the misreading (最元梓 five times and 聂元梓 once: the page's majority is no
      proof), where the changed character looks alike or is one OCR was seen to print for the
      other (rules/words/ocr-confusions.tsv) and makes no word with its neighbour;
    - it holds the same place in a list of the same people on another page and is printed at
      least twice as often;
    - on one page, one person: this spelling stands once in the whole corpus and is no word,
      while the page (and, for names of three characters, the corpus) prints the other
      spelling at least twice: 习近平 … 习过平. A two-character name (王毅 -> 王X matches half
      the page) also needs look-alike characters, or a character given names never use where a
      name stands (after a title, before a reporting verb);
    - both spellings printed once: where a name stands, the character is one given names never
      use or use a tenth as often (four times less, for look-alike characters), and the
      surname is common: 杨勇根 … 副主任杨勇帽介绍.
    The given-name characters, look-alike characters and common surnames are word lists in
    rules/words/. `related` points at the other spelling.

    Why it matters: OCR changes one stroke-rich character now and then (李晓波 -> 李海波), and a
    misspelt official's name is the error readers notice first.

    Flags:
    - `　　习近平强调，要抓好落实。习近平指出，要坚定信心。习过平要求，各地要加强领导。⏎` →
      `　　习近平强调，要抓好落实。习近平指出，要坚定信心。习近平要求，各地要加强领导。⏎`
      (one page, one person: the page prints 习近平 twice, 习过平 once)
    - `　　会议由副主任杨勇根主持。副主任杨勇帽介绍了情况。⏎` →
      `　　会议由副主任杨勇根主持。副主任杨勇根介绍了情况。⏎` (given names do not use 帽)
    - `　　省委常委王拥军、李金利、董晓宇、汪海洲、胡立杰在主席台就座。⏎‖　　省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰在主席台就座。⏎‖　　省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰在主席台就座。⏎` →
      `　　省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰在主席台就座。⏎` (the same place in lists of the same people on other pages, printed twice as often)

    Leaves alone:
    - `　　副主席李海波出席会议。⏎‖　　副主席李晓波出席会议。⏎` (two spellings without such
      evidence: two people can be named 李海波 and 李晓波)
    - `　　二哥范振礼说，范振喜是好人。范振喜表示感谢。⏎` (relatives)
    - `　　副主席王立玮出席会议。⏎‖names: [{name: 王立伟}]` (one character from the name list's
      spelling, but neither in a parallel list nor by a character the look-alike table pairs)

    Also left alone: the spelling the name list holds; spellings printed equally often in
    parallel lists (a conflict, NAM002); items of one list (two people); the head of a longer name
    (韩杼|滨), a name and a verb (徐龙|也认为), a name and the word after it (万钢宣|读); spellings
    printed after different titles (副委员长王东明, 行长王冬明: two people); a character rare in
    running text and missing from the given-name table (王烁: a rare name, not a misreading).

    Fix safety: always available, and unsafe: the name becomes the backed spelling. An editor
    should confirm it.
    """

    code = "NAM001"
    name = "name-variant"
    category = "name"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.UNSAFE

    def check(self, doc):
        for v in page_verdicts(doc, "variant"):
            h = v.hit
            yield self.finding(h.start, h.end, f"'{h.name}' is likely a misspelling of '{v.other}': {v.why}",
                               Fix.replace(h.start, h.end, v.other, f"Spell it '{v.other}'", Applicability.UNSAFE),
                               related(v))
