from lint.patterns import lazy
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.layout import Kind

from lint.prose.doubles import PageText, lone_double

from ._judges import JudgesDoubles

_DOUBLE = lazy(r"(\p{Han})\1")


class DoubledCharacter(JudgesDoubles):
    """A character printed twice inside a line, where the text needs it once.

    What it finds: two identical Han characters in a row where one copy stands alone while the
    other belongs to a word (新任程催催人奋进: 催人奋进 holds the second 催, the first is left over; 中国力量量，: 力量
    holds the first 量, the second closes the clause alone; 难题题和大家: the second stands alone before a
    particle; 新技技术: the second starts a common word, the first ends none; 持续续深化: the first ends a
    common word, the second starts none; ，国国家主席, ——中中国科学院: a clause opens with a copy that starts
    no word; 全球化化、国际化, 紧迫感感, 赞许许——, 截至至2018: the second copy closes a list item, the paragraph, a
    phrase before a dash, or stands before what no word goes on into (a number, Latin letters, an
    opening quote or bracket); 改进进的, 队员员们, 增加加民族团结: the second copy stands between a word and a
    function word or a phrase the list holds; 的载载体, 要构构建: the first copy stands after a function
    word; 我们们, 城市市: a common character that is no grammatical word stands alone beside its twin);
    text that reads as one word once a copy is dropped (产业业链: 产业链; 是因因为: 是因为) or far better than
    with both copies (节假假日: 节假|假日 are words, 节假日 the reading); a measure word doubled after a
    number (2019年年9月); a character that running text never doubles (的的, 是是; most such function
    words not even after a word that ends with them: 属于于, 随着着, while 目的的, 可以以 are correct) or a
    common word of its own that the word list never doubles (和和人员). Where the words leave a double
    open (a given name, a lone copy that may belong to a word the list lacks), the page settles it:
    a page that spells the name or phrase with one copy elsewhere and never with two (王新新国 on a
    page that names 王新国 again) has a slip here.

    Why it matters: OCR engines double a character when a glyph is split in two or a line is
    read twice at its edge; the extra character reads as a typo and breaks search.

    Flags:
    - `　　新任程催催人奋进。⏎` → `　　新任程催人奋进。⏎` (催人奋进 holds the second 催, the first is left over)
    - `　　贡献中国力量量，奋力前行。⏎` → `　　贡献中国力量，奋力前行。⏎` (the second closes the clause alone)
    - `　　遇到难题题和大家商量。⏎` → `　　遇到难题和大家商量。⏎` (the second stands before a particle)
    - `　　新技技术不断涌现。⏎` → `　　新技术不断涌现。⏎` (the second starts a common word, the first ends none)
    - `　　持续续深化改革。⏎` → `　　持续深化改革。⏎` (the first ends a common word, the second starts none)
    - `　　我们们要抓好落实。⏎` → `　　我们要抓好落实。⏎` (a common character that is no grammatical word)
    - `　　在产业业链上下功夫。⏎` → `　　在产业链上下功夫。⏎` (one word once a copy is dropped)
    - `　　节假假日期间游客众多。⏎` → `　　节假日期间游客众多。⏎` (reads far better with one copy)
    - `　　会议时间（2019年年9月30日）。⏎` → `　　会议时间（2019年9月30日）。⏎` (a measure word after a number)
    - `　　这是是我们的责任。⏎` → `　　这是我们的责任。⏎` (a character running text never doubles)
    - `　　物品和和人员都已到位。⏎` → `　　物品和人员都已到位。⏎` (a common word the list never doubles)

    Where the words leave a double open (a given name, a lone copy that may belong to a word the
    list lacks), the page settles it: a page that spells the name or phrase with one copy
    elsewhere and never with two (王新新国 on a page that names 王新国 again) has a slip here.

    Leaves alone:
    - `　　大会徐徐展开画卷。⏎` (reduplication: also 刚刚, 殷殷, 牢牢, 高高兴兴)
    - `　　莘莘学子齐聚一堂。⏎` (a word holding both copies)
    - `　　彩灯盏盏映新春。⏎` (a measure word doubled)
    - `　　我们去喝喝茶。⏎` (a verb doubled before its object)
    - `　　退休后每天打打电话，聊聊家常。⏎` (the same: 打打, 聊聊 double 'a little')
    - `　　南门街街道办事处发布通知。⏎` (a name ends with the character its designation starts)
    - `　　新兴钢钢铁集团发布年报。⏎` (the same, for a firm: also 博创科|科技股份)
    - `　　以以色列为例说明。⏎` (a preposition before a phrase opening with it: also 对对手)
    - `　　统战部部长出席。⏎` (a unit and its head: also 八一队队员)
    - `　　党委委员参加会议。⏎` (a double across a word boundary: also 两国国旗, 2018年年底)
    - `　　上海海、陆、空交通便利。⏎` (one-character words listed)
    - `　　比赛中中国队获胜。⏎` (a grammatical or place word stands alone: also 目的的, 基础上上浮)
    - `　　他工作作了调整。⏎` (a verb before 了)
    - `　　冤枉他他说不出话。⏎` (a pronoun ends a clause and starts the next)
    - `　　十五五规划开局。⏎` (numerals and plan names)
    - `　　潘丽丽说，要抓好落实。⏎` (a given name after a surname)
    - `本报记者 纪元元⏎` (bylines, datelines and credits)

    The decision uses jieba's word list with frequencies (rules/words/) and the allowlist in
    rules/words/doubles.yaml; extend it with the `allow` and `never-doubled` options.

    Fix safety: always available: drop the copy that stands alone. Safe when the word the other
    copy forms is common (frequency 10 or more in the word list) and the doubled pair is not a
    word at all, for a copy standing alone between two words or at a clause's end; unsafe
    otherwise, and always for the bolder checks (a word across the pair, a common word started
    or ended, a measure word after a number, a common word never doubled).
    """

    code = "DUP003"
    name = "doubled-character"
    category = "duplicate"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.BY_EVIDENCE
    def check(self, doc):
        page = PageText(doc.text, in_place=True)
        for para in doc.paragraphs:
            if para.kind not in (Kind.BODY, Kind.CAPTION, Kind.HEADLINE):
                continue
            for m in _DOUBLE.finditer(para.text, para.indent):
                start = para.start + m.start()
                if para.in_span(start, start + 2):
                    continue
                if not lone_double(para.text, m.start()):
                    continue
                verdict = self.judge.judge(para.text, m.start(), page=page.near(start))
                if verdict is None:
                    continue
                drop = para.start + verdict.drop
                char = m.group(1)
                context = para.text[max(para.indent, m.start() - 4):m.end() + 4]
                yield self.finding(
                    start, start + 2,
                    f"'{char}{char}' doubled in '{context}': {verdict.reason}",
                    Fix.delete(drop, drop + 1, f"Drop one '{char}'",
                               Applicability.SAFE if verdict.safe else Applicability.UNSAFE))
