"""NLTK's English Snowball stemmer, exactly, without its long suffix loops.

``stem(word)`` returns what ``nltk.stem.snowball.SnowballStemmer("english").stem(word)`` returns
(``EnglishStemmer`` without stopwords: Porter 2 with NLTK's own special words and quirks) for
any string, upper case, digits, apostrophes and non-ASCII letters included, so no input needs
NLTK as a fallback. NLTK walks tuples of up to 24 suffixes with ``str.endswith`` at every step;
here each step looks at the word's last letter first and then tries only the suffix lengths
that can end in it against a dict of precomputed actions, steps whose region is too short for
any suffix are skipped outright, and one anchored regular expression finds both regions.

The regions R1 and R2 are kept as lengths rather than strings: in NLTK's code both are always a
suffix of the word being stemmed (every edit trims or rewrites the word's end and does the same,
or empties the region, to R1 and R2), so a region is fully described by how many letters it
covers. NLTK's quirks in how the regions are updated are reproduced as they are, e.g. R2
becoming ``"e"`` after ``ation -> ate`` in step 2 when R2 was shorter than the suffix, R1
growing by the ``e`` restored after ``at``/``bl``/``iz`` in step 1b even when it was empty, the
special words and the length test seen before a leading ``'`` is stripped, and step 5's
short-syllable test.
"""

from __future__ import annotations

import re

__all__ = ["stem"]

_VOWELS = "aeiouy"  # NLTK's; a marked consonant "Y" is not one
_LI_ENDING = "cdeghkmnrt"
_DOUBLES = frozenset(("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"))
_AT_BL_IZ = frozenset(("at", "bl", "iz"))

_SPECIAL = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
    "inning": "inning",
    "innings": "inning",
    "outing": "outing",
    "outings": "outing",
    "canning": "canning",
    "cannings": "canning",
    "herring": "herring",
    "herrings": "herring",
    "earring": "earring",
    "earrings": "earring",
    "proceed": "proceed",
    "proceeds": "proceed",
    "proceeded": "proceed",
    "proceeding": "proceed",
    "exceed": "exceed",
    "exceeds": "exceed",
    "exceeded": "exceed",
    "exceeding": "exceed",
    "succeed": "succeed",
    "succeeds": "succeed",
    "succeeded": "succeed",
    "succeeding": "succeed",
}

# R1 starts after NLTK's special prefixes gener-, arsen- and commun-, or else after the first
# vowel followed by a non-vowel; R2 after the first vowel followed by a non-vowel inside R1 (the
# first group ends where R1 starts, the whole match where R2 starts, if the second group matched).
_REGIONS = re.compile(
    "(gener|arsen|commun|[^aeiouy]*+[aeiouy]++[^aeiouy])([^aeiouy]*+[aeiouy]++[^aeiouy])?"
).match  # (possessive runs: a consonant run given back leaves a consonant where a vowel must
# follow, a vowel run given back a vowel where a consonant must: no other match is found)
_VOWEL = re.compile("[aeiouy]").search
_Y_AFTER_VOWEL = re.compile("(?<=[aeiou])y").sub

# Steps 2 and 3: suffix -> (letters cut, replacement, R2's length if R2 is shorter than the
# cut). The word becomes word[:-cut] + replacement; R1 (which must cover the suffix) and an R2
# that covers the cut letters shrink by the cut and grow by the replacement; a shorter R2
# becomes empty, except where NLTK sets it to "e" (length 1). A suffix that is replaced is cut
# whole; the others are bare cuts (NLTK's ``r2[:-cut]``) or enci/anci/abli's final i -> e.
# "ogi" and "li" (step 2) and "ative" (step 3) have extra conditions, checked in the step.
_STEP2 = {
    "ization": (7, "ize", 0),
    "ational": (7, "ate", 1),
    "fulness": (4, "", 0),
    "ousness": (7, "ous", 0),
    "iveness": (7, "ive", 1),
    "tional": (2, "", 0),
    "biliti": (6, "ble", 0),
    "lessli": (2, "", 0),
    "entli": (2, "", 0),
    "ation": (5, "ate", 1),
    "alism": (5, "al", 0),
    "aliti": (5, "al", 0),
    "ousli": (5, "ous", 0),
    "iviti": (5, "ive", 1),
    "fulli": (2, "", 0),
    "enci": (1, "e", 0),
    "anci": (1, "e", 0),
    "abli": (1, "e", 0),
    "izer": (4, "ize", 0),
    "ator": (4, "ate", 1),
    "alli": (4, "al", 0),
    "bli": (3, "ble", 0),
    "ogi": (1, "", 0),
    "li": (2, "", 0),
}
_STEP3 = {
    "ational": (7, "ate", 0),
    "tional": (2, "", 0),
    "alize": (3, "", 0),
    "icate": (5, "ic", 0),
    "iciti": (5, "ic", 0),
    "ative": (5, "", 0),
    "ical": (4, "ic", 0),
    "ness": (4, "", 0),
    "ful": (3, "", 0),
}
_STEP4 = (
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism",
    "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
)  # fmt: skip


def _lengths_by_last_letter(suffixes) -> dict[str, tuple[int, ...]]:
    """Last letter -> the lengths of the suffixes ending in it, longest first.

    NLTK's suffix tuples are ordered longest first and no two suffixes of one length can both
    end a word, so its first ``endswith`` hit is the longest suffix the word ends with: trying
    ``word[-n:]`` for these lengths, longest first, finds the same one.
    """
    by_letter: dict[str, set[int]] = {}
    for suffix in suffixes:
        by_letter.setdefault(suffix[-1], set()).add(len(suffix))
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in by_letter.items()}


_STEP2_LENGTHS = _lengths_by_last_letter(_STEP2)
_STEP3_LENGTHS = _lengths_by_last_letter(_STEP3)
_STEP4_LENGTHS = _lengths_by_last_letter(_STEP4)
_STEP4_SET = frozenset(_STEP4)


# Last letters that no step looks at: every step keys on the word's last letter (1a: s, ied;
# 1b: eed/ed/ing and their -ly forms; 1c: y; 2-4: the last letters of their suffixes; 5: e, l),
# so a word ending in any other letter, without an apostrophe (step 0 and the leading one), is
# its own stem — the y's marked as consonants are unmarked at the end.
_INERT_ENDINGS = frozenset("abfhjkopquvwxz")
_APOSTROPHES = frozenset("\u2019\u2018\u201b")


def _mark_y(word: str) -> str:
    """Mark consonant y's as "Y": an initial y, and a y after a vowel (an unmarked y is one)."""
    chars = list(word)
    if chars[0] == "y":
        chars[0] = "Y"
    for i in range(1, len(chars)):
        if chars[i] == "y" and chars[i - 1] in _VOWELS:
            chars[i] = "Y"
    return "".join(chars)


def stem(word: str) -> str:
    """The English Snowball stem of ``word``, exactly as NLTK's ``SnowballStemmer("english")``."""
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    if word[-1] in _INERT_ENDINGS and "'" not in word and (word.isascii() or not _APOSTROPHES.intersection(word)):
        return word  # no step takes a word ending so (see _INERT_ENDINGS)
    if not word.isascii():
        word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    if word[0] == "'":
        word = word[1:]
    if "y" in word:
        if "yy" in word:
            word = _mark_y(word)
        else:  # no y follows a y, so a look-behind sees the letters as NLTK's loop does
            if word[0] == "y":
                word = "Y" + word[1:]
            word = _Y_AFTER_VOWEL("Y", word)

    # R1 and R2, as the number of letters they cover at the end of the word; a known vowel
    # (the one before R1, whose index survives the trimming of steps 0 and 1a) spares most of
    # the searches for a vowel in steps 1a and 1b
    n = len(word)
    m = _REGIONS(word)
    if m is None:
        r1 = r2 = 0
        vowel_at = n
    else:
        s1 = m.end(1)
        s2 = m.end()
        r1 = n - s1
        r2 = n - s2 if s2 > s1 else 0
        vowel_at = s1 - 2

    # Step 0: possessive apostrophes
    if "'" in word:
        if word.endswith("'s'"):
            cut = 3
        elif word.endswith("'s"):
            cut = 2
        elif word.endswith("'"):
            cut = 1
        else:
            cut = 0
        if cut:
            word = word[:-cut]
            r1 = r1 - cut if r1 > cut else 0
            r2 = r2 - cut if r2 > cut else 0
            if not word:
                return word

    # Step 1a: plurals
    last = word[-1]
    if last == "s":
        if word.endswith("sses"):
            word = word[:-2]
            r1 = r1 - 2 if r1 > 2 else 0
            r2 = r2 - 2 if r2 > 2 else 0
        elif word.endswith("ies"):
            cut = 2 if len(word) > 4 else 1
            word = word[:-cut]
            r1 = r1 - cut if r1 > cut else 0
            r2 = r2 - cut if r2 > cut else 0
        elif word.endswith(("us", "ss")):
            pass
        else:
            end = len(word) - 2
            if vowel_at < end or _VOWEL(word, 0, end) is not None:
                word = word[:-1]
                r1 = r1 - 1 if r1 > 1 else 0
                r2 = r2 - 1 if r2 > 1 else 0
        last = word[-1]
    elif last == "d" and word.endswith("ied"):
        cut = 2 if len(word) > 4 else 1
        word = word[:-cut]
        r1 = r1 - cut if r1 > cut else 0
        r2 = r2 - cut if r2 > cut else 0
        last = word[-1]

    # Step 1b: -eed, -ed, -ing and their -ly forms
    k = eed = 0
    if last == "d":
        if word.endswith("ed"):
            if word.endswith("eed"):
                eed = 3
            else:
                k = 2
    elif last == "g":
        if word.endswith("ing"):
            k = 3
    elif last == "y" and word.endswith("ly"):
        if word.endswith("eedly"):
            eed = 5
        elif word.endswith("ingly"):
            k = 5
        elif word.endswith("edly"):
            k = 4
    if eed:
        if r1 >= eed:
            word = word[:-eed] + "ee"
            r1 = r1 - eed + 2
            r2 = r2 - eed + 2 if r2 >= eed else 0
            last = "e"
    elif k:
        end = len(word) - k
        if vowel_at < end or _VOWEL(word, 0, end) is not None:
            word = word[:end]
            r1 = r1 - k if r1 > k else 0
            r2 = r2 - k if r2 > k else 0
            ending = word[-2:]
            if ending in _AT_BL_IZ:
                word += "e"
                r1 += 1  # even from an empty R1, as NLTK does
                if end >= 5 or r1 >= 3:
                    r2 += 1
                # otherwise R2 is empty (a non-empty R2 is at least two letters shorter than R1)
            elif ending in _DOUBLES:
                word = word[:-1]
                r1 = r1 - 1 if r1 > 1 else 0
                r2 = r2 - 1 if r2 > 1 else 0
            elif r1 == 0 and (
                (
                    end >= 3
                    and word[-1] not in _VOWELS
                    and word[-1] not in "wxY"
                    and word[-2] in _VOWELS
                    and word[-3] not in _VOWELS
                )
                or (end == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
            ):
                word += "e"  # R1 and R2 stay empty
            last = word[-1]

    # Step 1c: a final y after a consonant becomes i (the regions keep their lengths)
    if (last == "y" or last == "Y") and len(word) > 2 and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
        last = "i"

    # Step 2
    if r1 >= 2:
        lengths = _STEP2_LENGTHS.get(last)
        if lengths is not None:
            for k in lengths:
                suffix = word[-k:]
                action = _STEP2.get(suffix)
                if action is not None:
                    if r1 >= k and (
                        (suffix != "ogi" or word[-4] == "l")
                        and (suffix != "li" or word[-3] in _LI_ENDING)
                    ):
                        cut, repl, short_r2 = action
                        word = word[:-cut] + repl
                        grow = len(repl) - cut
                        r1 += grow
                        r2 = r2 + grow if r2 >= cut else short_r2
                        last = word[-1]
                    break

    # Step 3
    if r1 >= 3:
        lengths = _STEP3_LENGTHS.get(last)
        if lengths is not None:
            for k in lengths:
                suffix = word[-k:]
                action = _STEP3.get(suffix)
                if action is not None:
                    if r1 >= k and (suffix != "ative" or r2 >= 5):
                        cut, repl, short_r2 = action
                        word = word[:-cut] + repl
                        grow = len(repl) - cut
                        r1 += grow
                        r2 = r2 + grow if r2 >= cut else short_r2
                        last = word[-1]
                    break

    # Step 4
    if r2 >= 2:
        lengths = _STEP4_LENGTHS.get(last)
        if lengths is not None:
            for k in lengths:
                suffix = word[-k:]
                if suffix in _STEP4_SET:
                    if r2 >= k and (suffix != "ion" or word[-4] in "st"):
                        word = word[:-k]
                        r1 = r1 - k if r1 > k else 0
                        r2 -= k
                        last = word[-1] if word else ""
                    break

    # Step 5: a final e, or the second l of a final ll, in the regions
    if last == "l":
        if r2 and word[-2] == "l":
            word = word[:-1]
    elif last == "e":
        if r2:
            word = word[:-1]
        elif (
            r1
            and len(word) >= 4
            and (
                word[-2] in _VOWELS
                or word[-2] in "wxY"
                or word[-3] not in _VOWELS
                or word[-4] in _VOWELS
            )
        ):
            word = word[:-1]

    if "Y" in word:
        word = word.replace("Y", "y")
    return word
