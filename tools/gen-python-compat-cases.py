#!/usr/bin/env python3
"""Writes tests/TwitchSentiment.Sentiment.Tests/Data/python-compat-cases.json: what CPython answers for
round(x, n), repr(float), str.lower(), str.isupper(), str.split() and str.strip(string.punctuation), for the
PythonCompat shims' golden tests. Run with the Python the reference scores come from (3.11):
    python3 tools/gen-python-compat-cases.py
Review the diff before committing: it is a golden file.
"""
import json
import random
import string
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests/TwitchSentiment.Sentiment.Tests/Data/python-compat-cases.json"


def main():
    rng = random.Random(20261124)
    values = [2.675, 0.0625, 0.125, 0.375, -0.0625, -0.00001, 0.5, 1.5, 2.5, 1e-300, 5e-324, 123456789.123456,
              0.00005, 0.00015, 0.99995, -0.99995, 0.4999999999999999, 0.1 + 0.2, 1 / 3, 2 / 3]
    values += [k / 2 ** m for m in range(1, 14) for k in range(1, 2 ** m, max(1, 2 ** m // 37)) if k % 2]
    values += [rng.uniform(-1, 1) for _ in range(1000)]
    values += [rng.randrange(-20000, 20000) / 10000 + rng.choice([0, 5e-5, -5e-5]) for _ in range(700)]
    rounds = [{"x": repr(x), "n": n, "round": repr(round(x, n))} for x in values for n in (3, 4)]

    reprs = [0.0, -0.0, 1.0, -1.0, 0.957, -0.4767, 0.0001, 0.00001, 1e-7, 1.5e-7, 1e15, 1e16, 1.234e20, 123456.0,
             0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, 100.0, 1e22, 12345678901234567890.0]
    reprs += [rng.uniform(-1, 1) for _ in range(200)] + [round(rng.uniform(-1, 1), 4) for _ in range(200)]
    floats = [{"x": repr(x), "repr": repr(x)} for x in reprs]

    texts = ["", "abc", "ABC", "AbC", "A1", "1", "!!", "İ", "İSTANBUL", "ΣΟΦΟΣ", "ΣΑ Σ", "ΑΣ.", "ΑΣ'Β", "Σ", "aΣ",
             "\u212a", "\u212aELVIN", "ǅ", "ǅA", "ⓐ", "Ⓐ", "ªA", "ß", "ẞ", "ﬀ", "Ǆ", "𐐀𐐁", "𐐨", "Ꭰ", "ꭰ",
             "ΐ", "Ω", "Å", "ÀÉÎÕÜ", "ǈ", "ᾈ", "ᾀ", "Ⅷ", "ⅷ", "🙂", "A🙂", "\u0130\u0307", "\x00A", "x\u2028y",
             "nice\x1cgood\x1d great\x1e\x1f ok\x0b\x0c\r\n\t\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000end",
             "zero\u200bwidth", "  lead and trail  ", "!!!good!!!", "'quoted'", "-", ":-)", "(--)", "a.b.c", "…good…"]
    strs = [{"s": s, "lower": s.lower(), "isupper": s.isupper(), "split": s.split(),
             "strip_punctuation": s.strip(string.punctuation), "len": len(s)} for s in texts]

    OUT.write_text(json.dumps({"round": rounds, "repr": floats, "str": strs}, ensure_ascii=True, indent=0) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT}: {len(rounds)} round, {len(floats)} repr, {len(strs)} str cases")


if __name__ == "__main__":
    main()
