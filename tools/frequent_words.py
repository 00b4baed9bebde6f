"""Make the word-frequency lists dvd ships, both from wordfreq, into languages/data/.

Run once per wordfreq release, with wordfreq installed in any environment (it is not a
dependency of dikkevandale: its wheel is 57 MB with four more packages, for lists of a few
thousand words per language):

    pip install wordfreq==3.1.1
    python tools/frequent_words.py src/dikkevandale/languages/data

Per language, two views of the same data:
- `<lang>.txt.gz`, for `dvd lexicon check` (DVD017, everyday words): every word of wordfreq's
  "best" list with a Zipf frequency of at least 3.0 (once per million words) that is a word of
  letters (no digits, no punctuation but an inner apostrophe), most frequent first, gzipped: a
  line `# 4.1` opens the words of Zipf 4.1 (rounded to one decimal), then one word a line;
- `<lang>.words.gz`, for fuzzy matching (a window that is a real word is no typo): the same
  words, folded as dvd compares words (lowercase, no diacritics), one a line, gzipped; read
  at the first fuzzy candidate of a run, so folded here rather than then (50,000 Polish words
  take 45 ms to fold).
The lists are data derived from wordfreq's and carry its licence, CC BY-SA 4.0 (see LICENSE
beside them).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

LANGUAGES = ("nl", "en", "pl")
THRESHOLD = 3.0
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def bands(language: str) -> str:
    from wordfreq import iter_wordlist, zipf_frequency

    lines: list[str] = []
    band = None
    for word in iter_wordlist(language, "best"):
        zipf = zipf_frequency(word, language, wordlist="best")
        if zipf < THRESHOLD:
            break
        if not WORD.fullmatch(word):
            continue
        label = f"{zipf:.1f}"
        if label != band:
            lines.append(f"# {label}")
            band = label
        lines.append(word)
    return "\n".join(lines) + "\n"


def folded_words(bands_text: str, language: str) -> str:
    """The words of the bands, folded and deduplicated, behind a header that says what they are."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from dikkevandale.normalize import fold

    found = (fold(line) for line in bands_text.splitlines() if line and not line.startswith("#"))
    words = list(dict.fromkeys(found))
    head = (
        f"# {len(words)} {language} words with a Zipf frequency of at least {THRESHOLD} in wordfreq"
        " 3.1's 'best' list,\n# folded (lowercase, no diacritics), most frequent first. A word"
        " of a fuzzy window that is one\n# of these is a real word, not a typo."
        " Data: wordfreq by Robyn Speer, CC BY-SA 4.0.\n"
    )
    return head + "\n".join(words) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    from importlib.metadata import version

    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        data = bands(language).encode("utf-8")
        # mtime=0: the same wordfreq release gives the same bytes, so git sees no change.
        (folder / f"{language}.txt.gz").write_bytes(gzip.compress(data, 9, mtime=0))
        lines = data.count(b"\n")
        folded = folded_words(data.decode("utf-8"), language).encode("utf-8")
        (folder / f"{language}.words.gz").write_bytes(gzip.compress(folded, 9, mtime=0))
        print(f"{language}: {lines} lines from wordfreq {version('wordfreq')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
