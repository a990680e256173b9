from lint.finding import Severity

from ._common import ReadsNameIndex, page_verdicts, related


class NameConflict(ReadsNameIndex):
    """Two spellings of one person's name, and nothing to tell which is right.

    What it finds: a name that holds the same place as a one-character-different spelling in a
    list of the same people on another page (or in another list on this page), when neither
    spelling is in the name list and neither is printed at least twice as often. Each page
    gets its own finding, `related` pointing at the other.

    Why it matters: one of the two is a typo. An editor who knows (or looks up) the right
    spelling adds it to the name list (`names:` in the configuration); NAM001 then fixes the
    other.

    Flags:
    - `　　省委常委王拥军、李金利、董晓宇、汪海洲、胡立杰在主席台就座。⏎‖　　省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰在主席台就座。⏎`

    Leaves alone:
    - `　　副主席李海波出席会议。⏎‖　　副主席李晓波出席会议。⏎` (one-character differences outside
      parallel lists: two people may be named so)

    Fix safety: none: which spelling is right is an editor's call.
    """

    code = "NAM002"
    name = "name-conflict"
    category = "name"
    severity = Severity.WARNING

    def check(self, doc):
        for v in page_verdicts(doc, "conflict"):
            h = v.hit
            yield self.finding(h.start, h.end, f"'{h.name}' or '{v.other}'? {v.why}", None, related(v))
