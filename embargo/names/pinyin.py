"""Pinyin: which romanised names are Chinese names spelt syllable by syllable.

Each pinyin syllable is one character of the name, so two Chinese names that differ by one
syllable are two names (Li Keqiang and Li Qiang, Guo Wengui and Guo Wenhui), however alike
their letters are. The matcher compares such names syllable-exactly
(:mod:`embargo.match.names`).

The syllables are those ICU's Han-Latin/Names reads the unified ideographs as, toneless: the
same transliterator that romanises a name written in Han, so the two do not disagree (a test
reads them from ICU again).
"""

from __future__ import annotations

from functools import lru_cache

from embargo.names.han import is_transcribed
from embargo.names.prepare import NameForm
from embargo.names.script import HAN

_LONGEST = 6  # zhuang, shuang, chuang
_VOWELS = frozenset("aeiou")


# The syllables ICU's Han-Latin/Names reads the unified ideographs as (U+4E00 to U+9FFF),
# toneless. Read from ICU on first use, they made one check wait 0.15 to 0.2 s.
_SYLLABLES = frozenset(
    (
        "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai "
        "can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu "
        "chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang "
        "dao de den deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er "
        "fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou "
        "gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hong hou hu "
        "hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan "
        "jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun "
        "kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long "
        "lou lu luan lue lun luo m ma mai man mang mao me mei men meng mi mian miao mie min "
        "ming miu mo mou mu n na nai nan nang nao ne nei nen neng ni nian niang niao nie nin "
        "ning niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian "
        "piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que "
        "qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao "
        "se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan "
        "shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti "
        "tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi "
        "xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin "
        "ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan "
        "zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi "
        "zong zou zu zuan zui zun zuo"
    ).split()
)


def all_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (``_SYLLABLES``)."""
    return _SYLLABLES


@lru_cache(maxsize=16_384)
def syllables(word: str) -> tuple[str, ...] | None:
    """``word`` as pinyin syllables run together (keqiang: ke, qiang), or None if it is not.

    A syllable that opens on a vowel (an, e, ou) opens the word: inside one, pinyin writes an
    apostrophe before it (Xi'an), and names that run syllables so are mostly Japanese (Fumio,
    Tanoue).
    """
    known = _SYLLABLES
    # split[end]: the syllables of word[:end], longest last syllable first found
    split: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    split[0] = ()
    for start in range(len(word)):
        done = split[start]
        if done is None or (start and word[start] in _VOWELS):
            continue
        for end in range(start + 1, min(len(word), start + _LONGEST) + 1):
            if split[end] is None and word[start:end] in known:
                split[end] = (*done, word[start:end])
    return split[-1] if word else None


def is_pinyin(word: str) -> bool:
    """Whether ``word`` is pinyin syllables run together (see :func:`syllables`)."""
    return syllables(word) is not None


# The commonest Chinese surnames in pinyin (those of the 2020 ranking of household
# registrations, the hundred commonest, and the compound ones the lists hold): a Latin name
# is read as Chinese only with one of them first or last (LI Keqiang, Wengui GUO), since
# many Arabic, African and Japanese names are pinyin syllables too (Ali Hasan: a li, ha san).
SURNAMES = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du
    ye cheng wei su lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang zou
    xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan qian
    dai kong xiang kang yi chang qiao lai wen niu ni ying ge geng bao zuo ji xing an qi yue
    shang mei hua tong ruan lan min zhan jing ke guan bi xi chu huo quan pu mo hong rao
    ouyang sima zhuge situ shangguan dongfang
""".split()
)


def is_chinese_name(form: NameForm) -> bool:
    """A name written in Han, or of two to four words, all pinyin, that opens or ends on a
    Chinese surname (LI Keqiang, Wengui GUO). A foreign name transcribed in Han (谢尔盖·拉夫罗夫,
    :func:`~embargo.names.han.is_transcribed`) is not one: its words are compared as spelt."""
    if HAN.search(form.raw):
        return not is_transcribed(form.raw)
    tokens = form.tokens
    return (
        2 <= len(tokens) <= 4
        and (tokens[0] in SURNAMES or tokens[-1] in SURNAMES)
        and all(is_pinyin(t) for t in tokens)
    )
