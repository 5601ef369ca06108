"""Every number the scorer uses, in one table, so tuning is one diff and one benchmark run.

Token similarities say how sure a pair of words is the same word; the name score blends how much
of each side is explained; secondary facts then move it. ``THRESHOLD`` was chosen on the
development set (``python -m benchmarks.quality --sweep``): from 0.65 to 0.80 recall moves by
half a point and near-miss false alarms stay under 1%; 0.75 sits in the middle of that plateau,
and at 0.85 the weakest variation class falls below 80% recall.
"""

from __future__ import annotations

THRESHOLD = 0.75

# How alike two words are, by the strongest evidence that links them.
SIM_EXACT = 1.0
SIM_SPELLING = 0.95  # same romanisation key (Mukhammed / Muhammed)
SIM_EQUIVALENT = 0.93  # known equivalent given names across spellings and scripts
# Name-family data also links names that share no letters (a compound name's parts, Juan and
# Pablo; a Sino-Vietnamese reading, Ding and Jan): an equivalence counts only between words
# that start alike or are at least this alike (Levenshtein on the keys).
EQUIVALENT_MIN_ALIKE = 0.3
CHINESE_EQUIVALENT_MIN_ALIKE = 0.5  # the same for a Chinese person's pinyin word
SIM_SKELETON = 0.85  # same consonants (vowel-less script, vowel dropping)
SIM_ABJAD = 0.9  # an abjad word's consonants and long vowels, all in its romanisation
SKELETON_LONG = 5  # this many shared consonants in order are evidence even between spelt words
SIM_PREFIX = 0.82  # one word is a truncation of the other (cut-off fields)
SIM_INITIAL = 0.75  # an initial against a name that starts with it
SIM_KNOWN_APART = 0.5  # two known given names of different families, however alike
SIM_MIN = 0.72  # below this two words are not aligned at all
SIM_KANA = 0.9  # same word as katakana carries it (kana.read_back: Rahman, ラフマーン)
FUZZY_MIN_LEN = 4  # shorter words must agree by key or skeleton, not by edit distance

# Blend of coverage: how much of the query and of the listed name the aligned words explain.
COVER_QUERY = 0.6
COVER_LISTED = 0.4
# Words unmatched on *both* sides are a conflict (a different given name), not a missing word:
# each costs CONFLICT_PER_WORD, or CONFLICT_PENALTY times their share of the name if more.
# Words still this alike (CONFLICT_SOFT) count as half-conflicting, less as they near SIM_MIN.
CONFLICT_PENALTY = 0.6
CONFLICT_PER_WORD = 0.3
CONFLICT_SOFT = 0.6
# A merged/split reading of the whole name ("Ali Abadi" / "Aliabadi"), slightly discounted.
JOINED_FACTOR = 0.95
JOINED_MIN_LEN = 6

# Word weights: inverse document frequency over listed names, bounded.
WEIGHT_MIN = 0.6
WEIGHT_MAX = 6.0
WEIGHT_MINOR = 0.15  # particles, stop words
WEIGHT_INITIAL = 0.5
WEIGHT_DEFAULT = 3.0  # a word the index has never seen is rare by definition

# Legal forms compared as forms: agreeing ones help a little, conflicting ones cost a little.
FORM_AGREE = 0.02
FORM_CONFLICT = 0.05
# Words left over from a legal form written in part count as explained by the other side's form,
# this alike, and only when every aligned word pair is at least as alike (a close match, not a
# weak one the form words would inflate).
FORM_WORDS_SIM = 0.9

# Retrieval estimates overstate a name's score by up to this much (words weighed alike on both
# sides); a party's remaining names are skipped once its best name beats them by it.
ESTIMATE_MARGIN = 0.05

# A short alias that matches while the party's fuller name contradicts the query's extra words
# (another given name) scores at most the fuller name's score plus this margin.
ALIAS_CONFLICT_MARGIN = 0.1

# A person's lone name (a given name or surname alone) against a fuller listed name, or against
# a lone listed name it only resembles (Andrew, Andrei), is one word of evidence: it scores at
# most this, under THRESHOLD, so that only agreeing facts (a birth date) make it a match.
LONE_NAME = 0.7

# Secondary facts.
WEAK_ALIAS_FACTOR = 0.9
DOB_EXACT = 0.08
DOB_YEAR = 0.04
DOB_CONFLICT = 0.35  # a different birth year clears a name-only hit
COUNTRY_AGREE = 0.02
COUNTRY_CONFLICT = 0.05
ID_MATCH_SCORE = 0.99  # the same passport / IMO / registration number is a match on its own
ID_CONFLICT = 0.3  # a different IMO (or other unique) number of the same kind
