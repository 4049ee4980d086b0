"""Times the reference VADER analyzer (cjhutto/vaderSentiment) for the throughput harness.

Usage: python3 reference_throughput.py CHECKOUT FILE

CHECKOUT is a checkout of cjhutto/vaderSentiment (the port follows commit
94fbd74594ac0714dfc0e55bd7415994b24020cf); FILE holds one UTF-8 text per line.
The script reads every line first, builds the analyzer, then times one pass of
polarity_scores over all texts with time.perf_counter. It prints a checksum line
(the four scores summed in file order, as the harness sums its own) and, last,
one JSON line in the harness's shape. Heap allocation is not measured here, so
allocated_bytes is null.
"""

import json
import sys
import time

WHAT = "vader-python"


def read_texts(path):
    """One text per line, split on b'\\n' only, as iterating sys.stdin.buffer splits."""
    with open(path, "rb") as lines:
        return [raw.decode("utf-8").rstrip("\r\n") for raw in lines]


def main(argv):
    if len(argv) != 3:
        print("usage: reference_throughput.py CHECKOUT FILE", file=sys.stderr)
        return 2

    checkout, path = argv[1], argv[2]
    sys.path.insert(0, checkout)
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = read_texts(path)
    byte_count = sum(len(text.encode("utf-8")) for text in texts)
    analyzer = SentimentIntensityAnalyzer()
    polarity_scores = analyzer.polarity_scores

    start = time.perf_counter()
    scores = [polarity_scores(text) for text in texts]
    seconds = time.perf_counter() - start

    neg = neu = pos = compound = 0.0
    for score in scores:
        neg += score["neg"]
        neu += score["neu"]
        pos += score["pos"]
        compound += score["compound"]

    print(f"{WHAT} checksum: neg={neg!r} neu={neu!r} pos={pos!r} compound={compound!r}")
    result = {
        "what": WHAT,
        "items": len(texts),
        "seconds": seconds,
        "items_per_s": len(texts) / seconds,
        "bytes_per_s": byte_count / seconds,
        "allocated_bytes": None,
    }
    print(json.dumps(result, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
