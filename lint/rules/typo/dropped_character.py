"""TYP003: a character OCR dropped from a four-character word (实事求 for 实事求是)."""
from __future__ import annotations

from lint.chars import transliterated
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.patterns import lazy
from lint.rule import Option, Rule

from ._lookalikes import MASK, masked_words

_HAN_RUN = lazy(r"[\u4e00-\u9fff]{3,}")
WORD = 4  # the words completed: four characters (idioms, set phrases, names of bodies)
SPLIT_WORD = 4
REACH = 5  # characters either side that take part in the comparison
NUMERALS = frozenset("一二三四五六七八九十百千万两零〇")


class DroppedCharacter(Rule):
    """A character OCR dropped: 实事求 for 实事求是, 全心全为 for 全心全意为.

    What it finds: three characters that are a frequent four-character word of the word list
    with one character missing, where exactly one character completes them (at any of the four
    places), the text as printed splits into no word there, and the completed text gains at
    least `min-gain` (natural log) in the most probable split into words.

    Why it matters: a character lost to a speck or a tight line leaves a stretch no reader
    parses; a search for the word misses the page.

    Flags:
    - `　　要坚持实事求，一切从实际出发。⏎` → `　　要坚持实事求是，一切从实际出发。⏎` (unsafe)
    - `　　朝鲜民主主义人民共和国国务委长金正恩会见了代表团。⏎` →
      `　　朝鲜民主主义人民共和国国务委员长金正恩会见了代表团。⏎` (unsafe)

    Leaves alone:
    - `　　节目形式丰富多，深受欢迎。⏎` (丰富多彩 and 丰富多样 both complete it: no way to choose)
    - `　　他用了三个多月时间完成。⏎` (a numeral is never inserted: 三个多月 and 一个多月 are both
      text)
    - `　　他的工作一丝不苟。⏎` (nothing missing)

    Also left alone: a stretch printed the same way twice on the page (伊莎白, a name, beside
    伊丽莎白), transliterated names, and the words listed in `allow`.

    Opt-in (`extend-select: [TYP003]`): writers shorten four-character words on purpose
    (看了吃一惊, 冤错案件, 恍然悟到), about 0.2 findings per 100,000 characters of clean text; on a
    backlog of raw OCR the rule earns its place.

    Fix safety: always available, and unsafe (`--unsafe-fixes`): the one completion the word list
    knows is evidence, not proof; the finding is a prompt to look at the scan.
    """

    code = "TYP003"
    name = "dropped-character"
    category = "typo"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.UNSAFE
    opt_in = True  # writers shorten idioms (看了吃一惊, 冤错案件): 0.2 findings per 100k clean characters
    options = {
        "min-word": Option(200, "frequency (word list) the completed word must have"),
        "min-gain": Option(8.0, "log-probability the stretch must gain from the inserted character"),
        "allow": Option((), "stretches never reported (names, terms)"),
    }

    def check(self, doc):
        from lint.lexicon import Lexicon

        text = doc.text
        lex = Lexicon.default()
        index = masked_words()
        min_word, min_gain = self.settings["min-word"], self.settings["min-gain"]
        allowed = tuple(self.settings["allow"])
        for run in _HAN_RUN.finditer(text):
            s = run.group()
            singles: set[int] | None = None
            reported: set[int] = set()
            for k in range(len(s) - WORD + 2):
                printed = s[k:k + WORD - 1]
                if lex.freq(printed):
                    continue
                completions = [(k + m, c) for m in range(WORD)
                               for c in index.get(printed[:m] + MASK + printed[m:]) or ""
                               if lex.freq(printed[:m] + c + printed[m:]) >= min_word]
                if len(completions) != 1:
                    continue
                at, c = completions[0]
                if c in NUMERALS or at in reported:
                    continue
                if singles is None:
                    singles = set(lex.single_positions(s, SPLIT_WORD))
                if not {at - 1, at} & singles:
                    continue  # the characters beside the gap belong to words as printed
                lo, hi = max(0, at - REACH), min(len(s), at + REACH)
                window, gap = s[lo:hi], at - lo
                gain = lex.split_score(window[:gap] + c + window[gap:], SPLIT_WORD) - lex.split_score(window, SPLIT_WORD)
                if gain < min_gain or transliterated(window) or any(a in window for a in allowed):
                    continue
                if text.count(printed) > 1:
                    continue  # printed the same way twice: a name (伊莎白) or the paper's own shortening
                reported.add(at)
                word = printed[:at - k] + c + printed[at - k:]
                where = run.start() + at
                start, end = run.start() + k, run.start() + k + WORD - 1
                yield self.finding(start, end, f"'{printed}' may have lost a character: '{word}' is a common "
                                               f"word and the only one it completes",
                                   Fix.insert(where, c, f"Insert '{c}'", Applicability.UNSAFE))
