"""Readability: the Flesch-Kincaid grade of every page in docs/ (stdlib only).

Usage: python bench/readability.py [DOCS_DIR] [--max-grade 8]

For each Markdown page under DOCS_DIR (default: docs/ next to this folder, subfolders included)
it prints the grade level, sentences, words and syllables, and exits 1 if any page is above the
limit (default 8), else 0.

What is measured: the text a reader sees, taken from the Markdown source. Removed first:
the front matter, HTML comments (the tools' markers), fenced and inline code, HTML tags,
link and image targets (a link keeps its text), table rules and pipes, and Markdown syntax
(heading hashes, list bullets and numbers, bold and italics, the `!!!`/`???` of admonitions,
whose quoted title stays as text).

Counting, kept simple and stated here so the numbers can be checked by hand:
- Sentences: runs of text ending in `.`, `!` or `?`. A heading, a list item, an admonition title
  or a table cell counts as one sentence even without a full stop. Dots inside abbreviations
  ("e.g.", "a.m.") and numbers ("4.5") don't end a sentence.
- Words: runs of letters, digits and apostrophes ("don't", "résumé", "1,100" is one word).
- Syllables: groups of vowels (a e i o u y, accents ignored) per word, plus one for "-ing" after
  a vowel ("going"), minus a silent final "e" (but not "-le" after a consonant, nor "é"), a silent
  "-ed" (but not after t, d or a consonant and l) and a silent "-es" (but not after s, x, z, c, g,
  ch, sh, "ie" or a consonant and l); every word has at least one syllable, and a number counts one
  per digit group.

Grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59 (Kincaid et al., 1975).
The heuristic is close to, not identical with, tools that use a pronouncing dictionary; what it is
for is comparing pages and catching the long sentences and long words that make one hard to read.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT / "docs"
MAX_GRADE = 8.0

ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|a\.m|p\.m|etc|vs|Dr|Mr|Mrs|Ms)\.", re.IGNORECASE)
WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'\u201d\u2019)]|$)")


def visible_text(markdown: str) -> list[str]:
    """The page's readable units (paragraphs, headings, list items, titles), Markdown removed."""
    text = markdown.replace("\r\n", "\n")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)          # front matter
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)                 # markers, comments
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.DOTALL | re.MULTILINE)  # fenced code
    text = re.sub(r"`[^`\n]*`", "", text)                                   # inline code
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)                      # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)                    # links keep their text
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)                   # reference links
    text = re.sub(r"<[^>\n]+>", "", text)                                   # HTML tags
    units: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line or re.fullmatch(r"\|?[\s:|-]+\|?", line) and "-" in line:  # blank, or a table rule
            flush()
            continue
        admonition = re.match(r"^(?:!!!|\?\?\?\+?)\s+\S+(?:\s+\"([^\"]*)\")?\s*$", line)
        if admonition:
            flush()
            if admonition.group(1):
                units.append(admonition.group(1))
            continue
        if line.startswith("|"):                                            # a table row: one unit per cell
            flush()
            units.extend(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if heading or item:
            flush()
            paragraph.append((heading or item).group(1))
            if heading:
                flush()
            continue
        paragraph.append(line)
    flush()
    cleaned = []
    for unit in units:
        unit = re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", unit)       # bold, italics
        unit = unit.strip()
        if unit:
            cleaned.append(unit)
    return cleaned


def syllables(word: str) -> int:
    """Vowel groups, minus silent endings; at least one."""
    if word[0].isdigit():
        return max(1, len(re.findall(r"[0-9]+", word)))
    accented_end = word.lower().endswith("é")
    plain = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(c for c in plain if c.isascii() and c.isalpha())
    if not plain:
        return 1
    count = len(re.findall(r"[aeiouy]+", plain))
    if re.search(r"[aeiouy]ing$", plain):                                   # "going", "staying"
        count += 1
    if count > 1:
        if plain.endswith("e") and not accented_end and not re.search(r"[^aeiouy]le$", plain):
            count -= 1
        elif plain.endswith("ed") and not re.search(r"(?:[td]|[^aeiouy]l)ed$", plain):
            count -= 1
        elif plain.endswith("es") and not re.search(r"(?:[sxzcg]|ch|sh|ie|[^aeiouy]l)es$", plain):
            count -= 1
    return max(1, count)


def measure(units: list[str]) -> tuple[int, int, int]:
    """Sentences, words and syllables of the readable units."""
    sentences = words = syl = 0
    for unit in units:
        unit = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ""), unit)
        found = WORD.findall(unit)
        if not found:
            continue
        words += len(found)
        syl += sum(syllables(w) for w in found)
        ends = len(SENTENCE_END.findall(unit))
        if not SENTENCE_END.search(unit.rstrip(" \"'\u201d\u2019)")):
            ends += 1                                                       # a unit without a full stop
        sentences += max(1, ends)
    return sentences, words, syl


def grade(sentences: int, words: int, syl: int) -> float:
    if not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syl / words - 15.59


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Flesch-Kincaid grade of every page in docs/.")
    ap.add_argument("docs", nargs="?", type=pathlib.Path, default=DEFAULT_DOCS)
    ap.add_argument("--max-grade", type=float, default=MAX_GRADE)
    args = ap.parse_args(argv)
    # English pages only: a translation's folder (docs/es/, beside mkdocs.es.yml) is another language,
    # which this formula doesn't measure.
    translations = {p.name[len("mkdocs."):-len(".yml")] for p in args.docs.resolve().parent.glob("mkdocs.*.yml")}
    pages = sorted(p for p in args.docs.rglob("*.md")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(args.docs).parts)
                   and p.relative_to(args.docs).parts[0] not in translations)
    if not pages:
        print(f"No Markdown pages under {args.docs}", file=sys.stderr)
        return 2
    over = []
    print(f"{'page':<28} {'grade':>5} {'sentences':>9} {'words':>6} {'syllables':>9}")
    for page in pages:
        s, w, y = measure(visible_text(page.read_text(encoding="utf-8")))
        g = grade(s, w, y)
        name = page.relative_to(args.docs).as_posix()
        flag = "  above the limit" if g > args.max_grade else ""
        print(f"{name:<28} {g:>5.1f} {s:>9} {w:>6} {y:>9}{flag}")
        if g > args.max_grade:
            over.append(name)
    if over:
        print(f"{len(over)} page(s) above grade {args.max_grade:g}: {', '.join(over)}")
        return 1
    print(f"All {len(pages)} pages at grade {args.max_grade:g} or below.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
