"""The guide in more than one language: the `extra.languages` setting, the links between the
languages, and what a translated page must share with its original. No MkDocs in here.

- `load_languages` validates `extra.languages` (file:line in mkdocs.yml): the first code is the
  site's own language (at the root), each other one is built from mkdocs.<code>.yml into /<code>/.
- `alternates` gives, for one page, the same page in every language: a relative link (for the
  language selector, works without JavaScript) and an absolute one (for hreflang).
- `compare_pages`, `compare_markers` and `compare_yaml` compare a translated page with its original:
  pages without an original, markers that differ (a misspelt one is an error; others make the page
  outdated), front matter whose keys or fixed values differ (outdated). A translated data file holds
  only words and is read by guidekit/translations.py, which also says what a fixed value is.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field


import yaml

from .datafile import compose, line_of
from .errors import ContentError
from .markers import Marker
from .translations import PLACEHOLDER, fixed, ident

# The names the language selector shows, each in its own language.
NAMES = {
    "en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português",
    "it": "Italiano", "nl": "Nederlands", "pl": "Polski", "zh": "中文", "ja": "日本語", "ko": "한국어",
    "ar": "العربية", "hi": "हिन्दी", "vi": "Tiếng Việt", "tl": "Tagalog", "ru": "Русский", "uk": "Українська",
    "ht": "Kreyòl ayisyen", "so": "Soomaali", "fa": "فارسی", "tr": "Türkçe",
}
# How messages (in English, for the web person) call them.
ENGLISH_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "pl": "Polish", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "hi": "Hindi", "vi": "Vietnamese", "tl": "Tagalog", "ru": "Russian", "uk": "Ukrainian",
    "ht": "Haitian Creole", "so": "Somali", "fa": "Persian", "tr": "Turkish",
}
CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
SETTING = "extra.languages"


@dataclass(frozen=True)
class Languages:
    codes: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.codes[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    def prefix(self, code: str) -> str:
        """Where a language's site sits inside the root site: '' for the root language, 'es/'."""
        return "" if code == self.root else code + "/"


def name_of(code: str) -> str:
    """The language's name in that language, for the selector: 'Español'."""
    return NAMES.get(code, NAMES.get(code.split("-")[0], code))


def english_name(code: str) -> str:
    """The language's name in English, for messages: 'Spanish'."""
    return ENGLISH_NAMES.get(code, ENGLISH_NAMES.get(code.split("-")[0], f"'{code}'"))


def setting_line(path: str, source: str, keys: tuple[str, ...] = ("extra", "languages")) -> int:
    """The line of a nested key in a YAML file (the deepest one found; 1 when none is)."""
    root, _ = compose(path, source)
    node, line = root, 1
    for key in keys:
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        found = [(k, v) for k, v in pairs if k.value == key]
        if not found:
            break
        line, node = line_of(found[0][0]), found[0][1]
    return line


def translated_config(root_dir: str, code: str) -> str:
    return posixpath.join(root_dir, f"mkdocs.{code}.yml")


def load_languages(raw, theme_language: str, where: tuple[str, int], exists) -> tuple[Languages, list[ContentError]]:
    """Validate extra.languages. `exists(code)` says whether mkdocs.<code>.yml is there.
    Without the setting the site has one language, theme.language."""
    path, line = where
    errors: list[ContentError] = []

    def fail(problem: str, fix: str) -> None:
        errors.append(ContentError(path, line, problem, fix))

    if raw is None:
        return Languages((theme_language,)), []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        fail(f"{SETTING} is not a list of language codes.", "write it as e.g. 'languages: [en, es]' (or '[en]' for English only).")
        return Languages((theme_language,)), errors
    codes: list[str] = []
    for code in raw:
        if not isinstance(code, str) or not CODE.match(code):
            fail(f"{SETTING} has '{code}', which is not a language code.",
                 "use two-letter codes such as en, es, fr: e.g. 'languages: [en, es]'.")
        elif code in codes:
            fail(f"{SETTING} lists '{code}' twice.", f"keep one '{code}'.")
        else:
            codes.append(code)
    if not codes:
        return Languages((theme_language,)), errors
    if codes[0] != theme_language:
        fail(f"{SETTING} starts with '{codes[0]}', but the site's language (theme.language) is '{theme_language}'.",
             f"put the site's own language first: 'languages: [{', '.join([theme_language] + [c for c in codes if c != theme_language])}]'.")
    for code in codes[1:]:
        if not exists(code):
            fail(f"{SETTING} lists '{code}', but there is no mkdocs.{code}.yml beside mkdocs.yml.",
                 f"copy mkdocs.es.yml to mkdocs.{code}.yml and translate it (README, Languages); "
                 f"or remove '{code}' from {SETTING}.")
    return Languages(tuple(codes)), errors


# Links between the languages ----------------------------------------------------------------

def relative_url(target: str, here: str) -> str:
    """A relative link from the page at URL `here` to `target` (both relative to one site root)."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def alternates(langs: Languages, current: str, page_url: str, root_site_url: str) -> list[dict]:
    """The same page in every language: name, lang, href (relative to the page), url (absolute,
    from site_url; '' without one), current (this page's own language), prefix (where that
    language's site is inside the root one: '' or 'es/')."""
    here = langs.prefix(current) + page_url
    site = root_site_url if not root_site_url or root_site_url.endswith("/") else root_site_url + "/"
    return [{"name": name_of(code), "lang": code, "current": code == current, "prefix": langs.prefix(code),
             "href": relative_url(langs.prefix(code) + page_url, here),
             "url": site + langs.prefix(code) + page_url if site else ""}
            for code in langs.codes]


# Completeness of a translation --------------------------------------------------------------

@dataclass
class Pair:
    """One file of the original and its translation, as the messages name them (paths from the project root)."""
    original: str
    translated: str


def compare_pages(original: dict[str, str], translated: dict[str, str], pair: Pair, language: str) -> list[ContentError]:
    """Every page (docs-relative path -> project-relative file) has its translation and vice versa."""
    errors = []
    for page, rel in original.items():
        if page not in translated:
            errors.append(ContentError(f"{pair.translated}/{page}", 1,
                                       f"The page {rel} has no {language} version (this file doesn't exist).",
                                       f"copy {rel} to {pair.translated}/{page} and translate it, keeping its markers "
                                       "and file name."))
    for page, rel in translated.items():
        if page not in original:
            errors.append(ContentError(rel, 1, f"This page has no original: {pair.original}/{page} doesn't exist.",
                                       f"give it the file name of the page it translates, or remove it "
                                       f"(the {language} site has the same pages as the original)."))
    return errors


def _shown(m: Marker) -> str:
    return f"<!-- {m.kind}: {m.id} -->" if m.has_id else f"<!-- {m.kind} -->"


def compare_markers(original: list[Marker], translated: list[Marker], pair: Pair,
                    unknown: list[Marker] = ()) -> list[ContentError]:
    """The same markers in a page and its translation (each as often; kinds the build knows only).
    `unknown`: the translation's markers of kinds the build doesn't know; one with the id of a
    marker it lacks is taken for a misspelling of it and named at its own line."""
    errors = []
    left, strays = list(translated), list(unknown)
    for m in original:
        match = next((t for t in left if (t.kind, t.id) == (m.kind, m.id)), None)
        if match is not None:
            left.remove(match)
            continue
        slip = next((t for t in strays if t.id == m.id), None)
        if slip is not None:
            strays.remove(slip)
            errors.append(ContentError(pair.translated, slip.line,
                                       f"'{_shown(slip)}' is not a marker the guide knows.",
                                       f"did you mean '{_shown(m)}' ({pair.original}:{m.line} has it)?"))
            continue
        errors.append(ContentError(pair.translated, 1,
                                   f"The page lacks the marker '{_shown(m)}' ({pair.original}:{m.line} has it).",
                                   f"add '{_shown(m)}' on a line of its own where the original has it "
                                   "(markers stay in English)."))
    for t in left:
        errors.append(ContentError(pair.translated, t.line,
                                   f"The marker '{_shown(t)}' is not in the original page {pair.original}.",
                                   "remove it, or write the marker the original has at this place "
                                   "(markers stay exactly as in the original)."))
    return errors


def _singular(key: str) -> str:
    if key.endswith("ies"):
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a set of 'key: value' lines"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def _value(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_value(n) for n in node.value) + "]"
    return str(node.value)


@dataclass
class _Compare:
    pair: Pair
    language: str
    offset: int = 0  # lines before the YAML (front matter starts below its '---')
    all_text: bool = False  # every value is words (overrides/text/<code>.yml): only keys and placeholders must match
    errors: list[ContentError] = field(default_factory=list)

    def line(self, node: yaml.Node) -> int:
        return line_of(node) + self.offset

    def fail(self, node: yaml.Node, problem: str, fix: str) -> None:
        self.errors.append(ContentError(self.pair.translated, self.line(node), problem[:1].upper() + problem[1:], fix))

    def there(self, node: yaml.Node) -> str:
        return f"{self.pair.original}:{self.line(node)}"

    def node(self, o: yaml.Node, t: yaml.Node, where: str, key: str) -> None:
        """Compare the value `key` of `where` (o: original, t: translation)."""
        if type(o) is not type(t) and not (isinstance(o, yaml.ScalarNode) and isinstance(t, yaml.ScalarNode)):
            self.fail(t, f"'{key}' in {where} is {_shape(t)}, but in the original it is {_shape(o)} ({self.there(o)}).",
                      "write it as the original does, translating only the text.")
            return
        if isinstance(o, yaml.MappingNode):
            self.mapping(o, t, f"'{key}' in {where}" if where != "the file" else f"'{key}'")
        elif isinstance(o, yaml.SequenceNode):
            self.sequence(o, t, where, key)
        else:
            self.scalar(o, t, where, key)

    def mapping(self, o: yaml.MappingNode, t: yaml.MappingNode, where: str) -> None:
        ours = {str(k.value): (k, v) for k, v in o.value}
        theirs = {str(k.value): (k, v) for k, v in t.value}
        for key, (k, v) in ours.items():
            if key not in theirs:
                self.fail(t, f"{where} has no '{key}' ({self.there(k)} has it).",
                          f"add '{key}:' with its value translated (the key stays '{key}').")
            else:
                self.node(v, theirs[key][1], where, key)
        for key, (k, _) in theirs.items():
            if key not in ours:
                self.fail(k, f"{where} has '{key}', which the original doesn't have ({self.pair.original}).",
                          "remove it, or check its spelling against the original (keys stay in English).")

    def sequence(self, o: yaml.SequenceNode, t: yaml.SequenceNode, where: str, key: str) -> None:
        ids = [ident(n) for n in o.value]
        if o.value and all(ids):
            self.by_id(o, t, where, key)
        elif o.value and all(fixed(n) for n in o.value):
            if _value(o) != _value(t):
                self.fail(t, f"'{key}' in {where} is {_value(t)}, but the original has {_value(o)} ({self.there(o)}).",
                          f"write {_value(o)}: ids and page paths stay as in the original.")
        elif len(o.value) != len(t.value):
            if all(isinstance(n, yaml.ScalarNode) and not fixed(n) for n in o.value):
                return  # a list of text: a translation may say it in more or fewer lines
            self.fail(t, f"'{key}' in {where} has {len(t.value)} entries, but the original has {len(o.value)} "
                      f"({self.there(o)}).", "translate each entry of the original, in the same order.")
        else:
            for n, (a, b) in enumerate(zip(o.value, t.value), start=1):
                if isinstance(a, yaml.MappingNode) and isinstance(b, yaml.MappingNode):
                    self.mapping(a, b, f"entry {n} of '{key}'" + ("" if where == "the file" else f" in {where}"))
                else:
                    self.node(a, b, where, f"{key}[{n}]")

    def by_id(self, o: yaml.SequenceNode, t: yaml.SequenceNode, where: str, key: str) -> None:
        what = _singular(key)
        ours = {ident(n): n for n in o.value}
        theirs: dict[str, yaml.Node] = {}
        for n in t.value:
            found = ident(n)
            if found is None:
                self.fail(n, f"an entry of '{key}' in {where} has no 'id'.",
                          f"give it the id of the {what} it translates (ids stay as in the original).")
            elif found in theirs:
                self.fail(n, f"{where} has the {what} '{found}' twice.", "keep one of them.")
            else:
                theirs[found] = n
        for i, n in ours.items():
            if i not in theirs:
                self.fail(t, f"{where} has no {what} '{i}' ({self.there(n)} has it).",
                          "add it, translated, with the same id.")
        for i, n in theirs.items():
            if i not in ours:
                self.fail(n, f"{where} has the {what} '{i}', which the original doesn't have ({self.pair.original}).",
                          f"remove it, or give it the id of the {what} it translates (ids stay as in the original).")
        common = [i for i in ours if i in theirs]
        order = [i for i in theirs if i in ours]
        if common != order:
            self.fail(t, f"the {key} of {where} are in another order than in the original ({self.there(o)}).",
                      f"put them in the original's order: {', '.join(common)}.")
        for i in common:
            self.mapping(ours[i], theirs[i], f"the {what} '{i}'")

    def scalar(self, o: yaml.ScalarNode, t: yaml.ScalarNode, where: str, key: str) -> None:
        if fixed(o) and not self.all_text:
            if (o.tag, str(o.value).strip()) != (t.tag, str(t.value).strip()):
                self.fail(t, f"'{key}: {t.value}' in {where} differs from the original '{o.value}' ({self.there(o)}).",
                          f"write '{o.value}': ids, keywords, page paths, numbers, times and true/false stay as in "
                          "the original; only text is translated.")
            return
        ours, theirs = set(PLACEHOLDER.findall(str(o.value))), set(PLACEHOLDER.findall(str(t.value)))
        if ours != theirs:
            missing = ", ".join("{" + p + "}" for p in sorted(ours - theirs))
            extra = ", ".join("{" + p + "}" for p in sorted(theirs - ours))
            said = "; ".join(s for s in (f"lacks {missing}" if missing else "", f"has {extra}, which the original doesn't"
                                         if extra else "") if s)
            self.fail(t, f"'{key}' in {where} {said} ({self.there(o)}).",
                      "keep every {placeholder} of the original exactly as it is written there (in English); "
                      "translate only the words around them.")


def compare_yaml(original_text: str, translated_text: str, pair: Pair, language: str, *, offset: int = 0,
                 all_text: bool = False) -> list[ContentError]:
    """Every problem of a translated YAML file against its original (the module's rule; all_text: every
    value is words, as in overrides/text/<code>.yml, so only keys and placeholders must match)."""
    o, errors = compose(pair.original, original_text)
    if errors or o is None:
        return []  # the original's own build reports it
    t, errors = compose(pair.translated, translated_text)
    if errors:
        return [ContentError(e.path, e.line + offset, e.problem, e.fix) for e in errors]
    compare = _Compare(pair, language, offset, all_text=all_text)
    if t is None:
        t = yaml.MappingNode("tag:yaml.org,2002:map", [], o.start_mark)
    if isinstance(o, yaml.MappingNode) and isinstance(t, yaml.MappingNode):
        compare.mapping(o, t, "the file")
    else:
        compare.node(o, t, "the file", "the file")
    return compare.errors


def front_matter(source: str) -> str | None:
    """The YAML between a page's first two '---' lines (None without front matter)."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:i])
    return None
