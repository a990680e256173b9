from lint.finding import Applicability, Fix, Severity
from lint.rule import Rule

from ._common import page_verdicts, related


class NameVariant(Rule):
    """A person's name spelled one character differently from the spelling the evidence backs.

    What it finds: a name (in a list of officials, after a title, before a reporting verb, in a
    byline) that differs in one given-name character from another spelling of the same surname
    and length, when the evidence says they are one person: the other spelling is in the name
    list (`names:` in the configuration) and holds the same place in a parallel list or differs
    by a look-alike character; or it holds the same place in a list of the same people on
    another page and is printed at least twice as often; or the characters look (or sound)
    alike and the other spelling is printed at least three times as often. `related` points at
    the other spelling.

    Why it matters: OCR changes one stroke-rich character now and then (李晓波 -> 李海波), and a
    misspelt official's name is the error readers notice first.

    Leaves alone: two spellings without such evidence (two people can be named 李海波 and
    李晓波); the spelling the name list holds; spellings printed equally often (that is a
    conflict, NAM002).

    Fix (unsafe): the name becomes the backed spelling. An editor should confirm it.
    """

    code = "NAM001"
    name = "name-variant"
    category = "name"
    severity = Severity.WARNING
    fix = Applicability.UNSAFE

    def check(self, doc):
        for v in page_verdicts(doc, "variant"):
            h = v.hit
            yield self.finding(h.start, h.end, f"'{h.name}' is likely a misspelling of '{v.other}': {v.why}",
                               Fix.replace(h.start, h.end, v.other, f"Spell it '{v.other}'", Applicability.UNSAFE),
                               related(v))
