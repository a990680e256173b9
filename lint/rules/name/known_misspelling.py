from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity

from ._common import ReadsNameIndex, page_verdicts


class KnownMisspelling(ReadsNameIndex):
    """A name the name list marks as a wrong spelling.

    What it finds: a name, in any of the contexts names are found in, listed under `wrong:` of
    an entry of the name list (`names:` in the configuration):

        names:
          - name: 李晓波
            role: 山西省政协副主席
            wrong: [李晓坡]

    Why it matters: a misspelling the editors have seen before comes back with every batch of
    OCR output.

    Flags:
    - `　　副主席王立玮出席会议。⏎‖names: [{name: 王立伟, wrong: [王立玮]}]` → `　　副主席王立伟出席会议。⏎`
    - `　　省政协副主席郑连生、王立玮、闫晨曦在主席台就座。⏎‖names: [{name: 王立伟, wrong: [王立玮]}]` →
      `　　省政协副主席郑连生、王立伟、闫晨曦在主席台就座。⏎`

    Leaves alone:
    - `　　副主席王立伟出席会议。⏎‖names: [{name: 王立伟, wrong: [王立玮]}]` (the right spelling)

    Fix safety: always available, and safe: the editors have said the spelling is wrong and which
    is right.
    """

    code = "NAM003"
    name = "known-misspelling"
    category = "name"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.SAFE

    def check(self, doc):
        for v in page_verdicts(doc, "wrong"):
            h = v.hit
            yield self.finding(h.start, h.end, f"'{h.name}': {v.why}",
                               Fix.replace(h.start, h.end, v.other, f"Spell it '{v.other}'", Applicability.SAFE))
