from lint.finding import Applicability, Fix, Severity

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

    Fix (safe): the spelling the name list gives.
    """

    code = "NAM003"
    name = "known-misspelling"
    category = "name"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc):
        for v in page_verdicts(doc, "wrong"):
            h = v.hit
            yield self.finding(h.start, h.end, f"'{h.name}': {v.why}",
                               Fix.replace(h.start, h.end, v.other, f"Spell it '{v.other}'", Applicability.SAFE))
