from lint.chars import is_han, transliterated
from lint.patterns import lazy
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind
from lint.rule import Option, Rule

# Chinese top-level domains (政务.中国, 公益.网址): a dot before one is a domain name's
CHINESE_TLDS = "(?:中国|中國|公司|网络|網絡|政务|公益|网址|在线|商城|集团|企业|信息|手机|移动|游戏|时尚|娱乐|香港|台湾|新加坡)"
FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HAN = r"\p{Han}"
_AFTER = r"(?:\p{Han}|[“‘《（「【\d]|$)"  # what follows a mark in Chinese text
# , : ; ? ! after a Han character, or after a closing quote, title mark or bracket (“奋斗者”,都),
# and before Chinese text; a full stop only at the end of a paragraph (中国.北京 and 3.5 are not
# sentences)
_MARK = lazy(rf"(?<={_HAN}|[”’》」』）】])[,:;?!](?={_AFTER})|(?<={_HAN})\.$")
# a dot between two Chinese characters: OCR's reading of a comma, a full stop or a name's middle
# dot (克强强调.中国将, 沙希德.侯赛因); not in a Chinese domain name (政务.中国”, 人民网.中国)
_DOT = lazy(rf"(?<={_HAN})(?<!网)\.(?={_HAN})(?!{CHINESE_TLDS}(?:\P{{Han}}|$))")
# a parenthesis pair, either mark half-width, around text holding a Chinese character
_PARENS = lazy(r"[(（][^()（）\n]{0,60}?\p{Han}[^()（）\n]{0,60}?[)）]")
# every finding is one of these (a parenthesis pair without a half-width mark gives none)
_HALF_WIDTH_MARK = lazy(r"[,:;?!.()]")


class HalfwidthPunctuation(Rule):
    """A half-width punctuation mark in Chinese text: , : ; ? ! ( ) . for ，：；？！（）。

    What it finds: a comma, colon, semicolon, question or exclamation mark of ASCII width after a
    Chinese character or a closing quote, title mark or bracket, and before Chinese text (or the
    end of the paragraph); a full stop ending a paragraph after a Chinese character; a dot
    between two Chinese characters, where OCR read a comma, a full stop or the middle dot of a
    transliterated name; a parenthesis pair holding Chinese text after Chinese text.

    Why it matters: OCR often reads a full-width mark as its ASCII twin. Chinese text sets its
    marks full-width; a half-width comma breaks search, word counts and the look of the page.

    Flags:
    - `　　记者了解到,今年全省经济稳中有进。⏎` → `　　记者了解到，今年全省经济稳中有进。⏎`
    - `　　他说:“要抓好落实。”⏎` → `　　他说：“要抓好落实。”⏎`
    - `　　主题展馆(8号馆）今天开放。⏎` → `　　主题展馆（8号馆）今天开放。⏎`
    - `　　他们都是“奋斗者”,都具有奉献精神。⏎` → `　　他们都是“奋斗者”，都具有奉献精神。⏎`
    - `　　电影《我和我的祖国》,用最真的情感打动观众。⏎` →
      `　　电影《我和我的祖国》，用最真的情感打动观众。⏎`
    - `　　李克强强调.中国将坚定不移扩大开放。⏎` → `　　李克强强调，中国将坚定不移扩大开放。⏎`
      (unsafe)
    - `　　专家伊莎白:柯鲁克出席。⏎` → `　　专家伊莎白·柯鲁克出席。⏎` (unsafe)

    Leaves alone:
    - `　　增长3.5%，时间为8:00，比例为1:2，人数达3,000人。⏎` (numbers, times, ratios and decimals)
    - `　　详见www.gov.cn网站。⏎` (URLs and e-mail addresses)
    - `　　他用英文说Hello, world。⏎` (Latin phrases)
    - `　　他说“OK”, then left.⏎` (a quotation followed by Latin text)
    - `（记者 王明,李强）⏎` (a byline or credit)
    - `　　中文域名“政务.中国”已开通。⏎` (a Chinese domain name)

    Fix safety: always available. Safe: the full-width twin of the same mark. Unsafe (only with
    `--unsafe-fixes`): a dot between Chinese characters becomes a comma, which is what OCR most
    often misreads so but may have been a full stop; a dot or colon inside a transliterated name
    becomes the middle dot '·'.
    """

    code = "PUN002"
    name = "halfwidth-punctuation"
    category = "punctuation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    options = {
        "parentheses": Option("mixed", "which half-width parentheses around Chinese text to flag: 'mixed' "
                              "(one mark half-width, its partner full-width: an OCR slip) or 'all' "
                              "(also (人民时评), a style many sources keep)", ("mixed", "all")),
    }

    def check(self, doc):
        for p in doc.paragraphs_holding(_HALF_WIDTH_MARK):
            if p.kind in (Kind.BYLINE, Kind.CREDIT):
                continue
            marks = [m.start() for m in _MARK.finditer(p.text, p.indent)]
            marks += [m.start() for m in _DOT.finditer(p.text, p.indent)]
            for m in _PARENS.finditer(p.text, p.indent):
                half = [i for i in (m.start(), m.end() - 1) if p.text[i] in "()"]
                if len(half) == 1 or self.settings["parentheses"] == "all":
                    marks += half
            for i in sorted(marks):
                yield self._finding(p.start + i, p.text, i)

    def _finding(self, start: int, text: str, i: int):
        mark = text[i]
        between_han = 0 < i < len(text) - 1 and is_han(text[i - 1]) and is_han(text[i + 1])
        if between_han and mark in ".:" and transliterated(text[max(0, i - 3):i] + text[i + 1:i + 4]):
            return self.finding(start, start + 1,
                                f"half-width '{mark}' between the parts of a transliterated name "
                                f"(the middle dot '·'?)",
                                Fix.replace(start, start + 1, "·", "Replace with '·'", Applicability.UNSAFE))
        if mark == "." and between_han:
            return self.finding(start, start + 1,
                                "half-width '.' between Chinese characters: OCR's reading of a mark "
                                "(a comma '，'?)",
                                Fix.replace(start, start + 1, "，", "Replace with '，'", Applicability.UNSAFE))
        full = FULL[mark]
        return self.finding(start, start + 1, f"half-width '{mark}' in Chinese text (full-width '{full}')",
                            Fix.replace(start, start + 1, full, f"Replace with '{full}'"))
