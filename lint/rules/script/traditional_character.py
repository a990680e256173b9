from functools import lru_cache


from lint.patterns import lazy
from lint.data import packs_dir
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.rule import Option, Rule

# valid in simplified text too (OpenCC maps them to themselves among other forms): 於 (a surname),
# 乾 (乾隆, 乾坤), 藉 (慰藉), 瞭 (瞭望), 徵 (宫商角徵羽) ...; 昇 as in Huawei's 昇腾; 塚 of Japanese names (三塚博)
BOTH_SCRIPTS = tuple("乾剋夥彷徵於牴瞭祇薹藉衹覆阪麽昇塚")
NAME_WORD = 100  # a character forming a word this common beside it is in a word, not a name
LEAK_WORD = 1000  # a both-scripts character forming a word this common, simplified, is a leak (对于, 征求)
_HAN = lazy(r"\p{Han}")
_QUOTED = lazy(r"《[^《》\n]{1,40}》|“[^“”\n]{1,40}”|「[^「」\n]{1,40}」")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # about 20 ms: only when a page is checked
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s, lengths kept; a lone surrogate (which OpenCC cannot take) reads as U+FFFD."""
    try:
        return _t2s().convert(text)
    except UnicodeEncodeError:
        return _t2s().convert("".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text))


@lru_cache(maxsize=1)
def _word_dependent() -> frozenset[str]:
    lines = (packs_dir() / "words" / "traditional-ambiguous.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def _common(c: str) -> bool:
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


class TraditionalCharacter(Rule):
    """A traditional character in simplified text: 發展 for 发展, 經濟 for 经济.

    What it finds: characters (and runs of them) that OpenCC's traditional-to-simplified
    conversion changes, on a page written in simplified script.

    Why it matters: OCR engines trained on both scripts, and text pasted from Hong Kong or Taiwan
    sources, leave traditional characters in simplified pages; search for 发展 misses 發展.

    Flags:
    - `　　今年全市经济發展稳中有进。⏎` → `　　今年全市经济发展稳中有进。⏎`
    - `　　對於这个问题，大家意见一致。⏎` → `　　对于这个问题，大家意见一致。⏎` (a character valid in
      both scripts is still a leak inside a word whose simplified form is common: 對於, 徵求)
    - `　　全国人大常委會审议草案。⏎` → `　　全国人大常委会审议草案。⏎` (常 is a surname, but 常委 a word)
    - `　　会议决定，餘下的工作由专门小组负责，各地要抓好落实。⏎` (餘 may be 余 or 馀: an unsafe fix)

    Leaves alone:
    - `　　於丹教授讲话。⏎` (characters valid in both scripts, option `allow`: 於 is a surname)
    - `　　他在哨所瞭望远方。⏎` (瞭望 is written so in simplified text too)
    - `　　他最爱读《紅樓夢》。⏎` (a quoted title set in traditional script)
    - `　　速滑名将王濛出席活动。⏎` (a character right after a common surname: names keep theirs)
    - `　　臺灣經濟發展與兩岸關係研討會開幕，與會學者發表論文。⏎` (a page mostly in traditional
      script: from another source, not a leak)

    Fix safety: always available; safe where the character has one simplified form, unsafe where
    it depends on the word (畫 -> 画 or 划, 餘 -> 余 or 馀).
    """

    code = "SCR001"
    name = "traditional-character"
    category = "script"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    options = {
        "allow": Option(BOTH_SCRIPTS, "characters and words left in traditional script"),
        "max-share": Option(0.2, "share of a page's Han characters above which the page is taken as traditional"),
    }

    def check(self, doc):
        text = doc.text
        simplified = to_simplified(text)
        if simplified == text or len(simplified) != len(text):  # (t2s keeps lengths; be safe)
            return
        changed = _changed_positions(text, simplified)
        if not changed:
            return
        if len(changed) > self.settings["max-share"] * max(len(_HAN.findall(text)), 1):
            return
        chars, words = self._allowed_positions(text, changed)
        allowed = words | {i for i in chars if not _in_common_word(simplified, i)}
        quoted = _quoted_traditional(text, set(changed))
        keep = [i for i in changed if i not in allowed and i not in quoted and _common(simplified[i])
                and not _in_name(text, simplified, i)]
        for start, end in _runs(keep):
            old, new = text[start:end], simplified[start:end]
            unsafe = any(c in _word_dependent() for c in old)
            how = Applicability.UNSAFE if unsafe else Applicability.SAFE
            yield self.finding(start, end, f"traditional '{old}' in simplified text (simplified '{new}')",
                               Fix.replace(start, end, new, f"Replace with '{new}'", how))

    def _allowed_positions(self, text: str, changed: list[int]) -> tuple[set[int], set[int]]:
        """The changed positions that hold an allowed character, and the positions of the allowed
        words (a word the user allows is never reported)."""
        allow = self.settings["allow"]
        chars = {a for a in allow if len(a) == 1}
        words: set[int] = set()
        for word in (a for a in allow if len(a) > 1):
            at = text.find(word)
            while at != -1:
                words.update(range(at, at + len(word)))
                at = text.find(word, at + 1)
        return {i for i in changed if text[i] in chars}, words


def _changed_positions(text: str, simplified: str, step: int = 64) -> list[int]:
    """Where the two texts (of one length) differ: compared a slice at a time (in C), character by
    character only inside the few slices that differ."""
    out: list[int] = []
    for k in range(0, len(text), step):
        if text[k:k + step] != simplified[k:k + step]:
            out += [i for i in range(k, min(k + step, len(text))) if text[i] != simplified[i]]
    return out


def _in_name(text: str, simplified: str, i: int) -> bool:
    """The character follows a common surname, right before it or after one given character (王濛,
    梁靖崑: names keep their characters), and forms no common word with the characters beside it
    (全市經濟 is 经济, 武漢 is 武汉: words, not names); a 'surname' inside a word is none (常委會)."""
    from lint.lexicon import Lexicon
    from lint.prose.names import common_surnames

    surnames = common_surnames()
    lex = Lexicon.default()
    for k in (1, 2):
        if i < k or text[i - k] not in surnames or k == 2 and lex.freq(simplified[i - 2:i]) >= NAME_WORD:
            continue
        if max(lex.freq(simplified[i:i + 2]), lex.freq(simplified[i - 1:i + 1])) < NAME_WORD:
            return True
    return False


def _in_common_word(simplified: str, i: int) -> bool:
    """Simplified, the character forms a common word with a neighbour: a character valid in both
    scripts (於, 徵, 瞭) is a traditional leak inside 對於, 徵求, 瞭解."""
    from lint.lexicon import Lexicon

    lex = Lexicon.default()
    return max(lex.freq(simplified[i - 1:i + 1]) if i else 0, lex.freq(simplified[i:i + 2])) >= LEAK_WORD


def _quoted_traditional(text: str, changed: set[int]) -> set[int]:
    """Positions inside a quotation or title holding two or more traditional characters."""
    out: set[int] = set()
    for m in _QUOTED.finditer(text):
        inside = [i for i in range(m.start(), m.end()) if i in changed]
        if len(inside) >= 2:
            out.update(inside)
    return out


def _runs(positions: list[int]):
    """Consecutive positions as (start, end) runs: 發展 is one finding."""
    start = prev = None
    for i in positions:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            yield start, prev + 1
            start = prev = i
    if start is not None:
        yield start, prev + 1
