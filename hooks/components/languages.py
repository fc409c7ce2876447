"""The guide in several languages (`extra.languages` in mkdocs.yml): the root language at the site's
root, each other one built from mkdocs.<code>.yml into /<code>/ by the same `mkdocs build` (or serve).

In the root language's build:
- `configure` validates the setting (file:line in mkdocs.yml), gives Material the language selector
  (`extra.alternate`), and has `mkdocs serve` watch mkdocs.<code>.yml too;
- `add_files` keeps docs/<code>/ (pages and _data) out of the root site (also while a language is off);
- `translate` (guide.py calls it once every component has finished the root site) builds each other
  language in this same process: its config loaded from mkdocs.<code>.yml, with site_url = the root
  site_url + '<code>/' and site_dir = <site_dir>/<code>. MkDocs hands that build to the same hook
  module and the same component objects: each of them starts afresh in `configure`, so the root
  site must be entirely written first (its Content Security Policy too). Its problems end the whole
  build with their file:line messages.

In a translated build (`self.translating` is set by `translate` for its duration), structure lives
once, in the root language's files, and the translation holds only words:
- `configure` shares the saved state with the root site (Material's `extra.scope` = the root site's
  path, so a tick is the same tick in every language), checks theme.language, and gives the site
  mkdocs.yml's nav with its section names from `extra.nav_sections` in mkdocs.<code>.yml;
- every data file is the root's with the translation's words put in (Build.load and
  guidekit/translations.py), and the tools' words fall back to the root language's (text.py);
- `add_files` adds the root docs' files the translation doesn't have: static files (the center's
  logo), and pages not translated yet, shown in the root language with a note (main.html);
- whatever is shown untranslated, or whose translation is out of date (a page whose markers or
  front matter differ from the original's), is listed in `build.translation`; `post_build` writes
  the translator's report (translation-report.txt in the translated site's folder) and a one-line
  summary to the log. None of it stops the build: only a translation that would break the site
  does (a {placeholder} that isn't the original's, an id or number in a words file, a misspelt
  marker, a page that translates no page), with file:line.

What the two builds share, being one process: MkDocs loads a hook file once per process (its
loader is cached), so the translated build runs this same guide.py (whose `_build` it replaces:
guide.py's on_post_build keeps its own) and the same component objects (each resets its state in
`configure`; `components.command` stays what on_startup said, as the translated build has none);
Material's search plugin is one cached object too, whose settings load_config reloads for the
translated build (after the root site's index is written: plugins run before hooks).

Every page (both builds) gets `page.guide_alternates`: the same page in each language, for the
selector (partials/alternate.html) and the hreflang links (main.html).
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, get_files

from guidekit.checklists import menu_pages
from guidekit.datafile import compose
from guidekit.errors import ContentError
from guidekit.languages import (SETTING, Languages, Pair, alternates, compare_markers, compare_pages,
                                compare_yaml, english_name, front_matter, load_languages, name_of, setting_line)
from guidekit.markers import find_all_markers

from .base import Component
from .render import CompiledTemplates, render
from .text import read_words, words_file
from guidekit.translations import Translation, file_times, newer

log = get_plugin_logger("languages")
SCRIPT = "assets/tools/languages.js"
REPORT = "translation-report.txt"  # in each translated site's folder: what its translator has to do


@dataclass
class RootSite:
    """What a translated build needs to know of the root language's build."""
    langs: Languages
    root_dir: str                  # the folder of mkdocs.yml
    config_path: str
    docs_dir: str
    site_url: str
    pages: dict[str, str] = field(default_factory=dict)   # src_uri -> file (project-relative)
    compiled_templates: CompiledTemplates | None = None    # the root build's: a translation compiles nothing again
    statics: list[str] = field(default_factory=list)      # src_uris of the docs' other files
    nav: list[str] = field(default_factory=list)
    nav_tree: list = field(default_factory=list)          # mkdocs.yml's nav as written


def nav_pages(nav) -> list[str]:
    """The pages of a nav: setting, in order (links to other sites left out)."""
    return [page for page in menu_pages(nav) if "://" not in page]


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == os.path.abspath(folder)


class LanguagesComponent(Component):
    name = "languages"
    # `<!-- languages -->` (the home page): "This guide is also in …", a link to the same page in each
    # other language, said in that language (its guide.also_in words); nothing while there is one.
    markers = {"languages": "the links to the guide in its other languages"}

    def __init__(self):
        self.translating: tuple[str, RootSite] | None = None  # set by translate() for the build it runs
        self.code = ""
        self.root: RootSite | None = None
        self.langs = Languages(("en",))

    # Both builds ------------------------------------------------------------------------------

    def configure(self, build):
        config = build.config
        if self.translating:
            self.code, self.root = self.translating
            self.langs = self.root.langs
            errors = self._configure_translation(build)
        else:
            errors = self._configure_root(build)
        if len(self.langs.codes) > 1:
            config.extra["alternate"] = [{"name": name_of(c), "lang": c, "link": self._home(c)}
                                         for c in self.langs.codes]
            if SCRIPT not in config.extra_javascript:
                config.extra_javascript.append(SCRIPT)  # keeps the switch on the same page after instant navigation
        else:
            config.extra.pop("alternate", None)
        return errors

    def markdown(self, build, page, markdown):
        t = build.translation
        if t is not None and any(src == page.file.src_uri for src, _ in t.pages):
            page.guide_untranslated = t.original_lang  # main.html: a note, and the content marked lang="en"
        if len(self.langs.codes) > 1:
            page.guide_alternates = alternates(self.langs, self.code, page.url, self.root.site_url)
        return markdown

    def render(self, build, kind, ident, page):
        others = [a for a in getattr(page, "guide_alternates", []) if not a["current"]]
        if not others:
            return ""
        links = [dict(a, text=self._words_in(build, a["lang"]).get("also_in", a["name"])) for a in others]
        return render(build, "partials/languages-links.html", links=links)

    def template_globals(self, build):
        """`other_languages()`: for the root site's 404 page, which GitHub Pages serves for every
        missing address, /es/… too: each other language's "this page doesn't exist" and the link to
        its start, in its own words (empty in a translation's build and in a one-language guide)."""
        def other_languages():
            if self.translating or len(self.langs.codes) < 2:
                return []
            return [{"lang": code, "home": self._home(code), "words": self._words_in(build, code)}
                    for code in self.langs.others]
        return {"other_languages": other_languages}

    def _home(self, code: str) -> str:
        """The address (path) of a language's home page: /after-the-no/ or /after-the-no/es/."""
        return (urlsplit(self.root.site_url).path or "/") + self.langs.prefix(code)

    def _words_in(self, build, code: str) -> dict:
        """The `guide` words of another language (overrides/text/<code>.yml), read once per build."""
        cache = build.__dict__.setdefault("_guide_words_in", {})
        if code not in cache:
            path, _ = words_file(build.config, code)
            data, _, errors = read_words(build, path) if path else ({}, {}, [])
            cache[code] = (data or {}).get("guide", {}) if not errors else {}
        return cache[code]

    # The root language's build ----------------------------------------------------------------

    def _configure_root(self, build):
        config = build.config
        path = config.config_file_path
        with open(path, encoding="utf-8") as fh:
            source = fh.read()
        where = (build.rel(path), setting_line(build.rel(path), source))
        root_dir = os.path.dirname(path)
        own = os.path.basename(path)
        listed = config.extra.get("languages")
        for code in listed[1:] if isinstance(listed, list) else []:
            if own == f"mkdocs.{code}.yml":
                self.code, self.root, self.langs = code, None, Languages((code,))
                return [ContentError(where[0], 1, f"{own} is built together with mkdocs.yml, not on its own.",
                                     "run 'mkdocs build' or 'mkdocs serve' without '-f': they build every language.")]
        self.langs, errors = load_languages(config.extra.get("languages"), config.theme["language"], where,
                                            lambda code: os.path.isfile(self._config_of(root_dir, code)))
        for code in self.langs.others:
            docs = self._docs_of(root_dir, code)
            if docs and not os.path.isdir(os.path.join(root_dir, docs)):
                errors.append(ContentError(where[0], where[1], f"{SETTING} lists '{code}', but its pages' folder "
                                           f"{docs}/ (docs_dir in mkdocs.{code}.yml) doesn't exist.",
                                           f"add the {english_name(code)} pages and data there (README, Languages), or "
                                           f"remove '{code}' from {SETTING} until they are ready."))
        self.code = self.langs.root
        self.root = RootSite(self.langs, root_dir, path, config.docs_dir, config.site_url or "",
                             compiled_templates=build.compiled_templates)
        build.subsites = list(self.langs.others)
        for code in self.langs.others:
            other = self._config_of(root_dir, code)
            if os.path.isfile(other) and other not in config.watch:
                config.watch.append(other)  # `mkdocs serve` rebuilds when it changes (docs/<code>/ is in docs/)
        return errors

    def _docs_of(self, root_dir: str, code: str) -> str | None:
        """docs_dir as mkdocs.<code>.yml writes it (None when it can't be read: MkDocs will say why)."""
        path = self._config_of(root_dir, code)
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as fh:
            node, _ = compose(path, fh.read())
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        found = [v.value for k, v in pairs if k.value == "docs_dir" and isinstance(v, yaml.ScalarNode)]
        return str(found[0]).rstrip("/") if found else None

    @staticmethod
    def _config_of(root_dir: str, code: str) -> str:
        return os.path.join(root_dir, f"mkdocs.{code}.yml")

    def _folders(self, build) -> set[str]:
        """The docs/ folders that hold a translation: of every listed language, and of every
        mkdocs.<code>.yml beside mkdocs.yml (a language turned off stays out of the site too)."""
        codes = set(self.langs.others)
        for path in glob.glob(os.path.join(build.root, "mkdocs.*.yml")):
            codes.add(os.path.basename(path)[len("mkdocs."):-len(".yml")])
        return {c + "/" for c in codes if c}

    def add_files(self, build, files):
        if self.translating:
            return self._add_root_statics(build, files)
        folders = tuple(self._folders(build))
        for file in list(files):
            if folders and file.src_uri.startswith(folders) and file.abs_src_path \
                    and _inside(file.abs_src_path, build.docs_dir):
                files.remove(file)
        if self.root is None:
            return
        for file in files:
            if not file.abs_src_path or not _inside(file.abs_src_path, build.docs_dir) or not file.inclusion.is_included():
                continue
            if file.is_documentation_page():
                self.root.pages[file.src_uri] = build.rel(file.abs_src_path)
            else:
                self.root.statics.append(file.src_uri)
        self.root.nav = nav_pages(build.config.nav)
        self.root.nav_tree = build.config.nav or []

    def post_build(self, build, site_dir):
        """A translated site: the translator's report beside its pages, and its summary in the log."""
        t = build.translation
        if t is None:
            return
        report = os.path.join(site_dir, REPORT)
        with open(report, "w", encoding="utf-8") as fh:
            fh.write(t.report())
        log.info(f"Translation: {t.summary()} (each one: {build.rel(report)}).")

    def translate(self, build, config):
        """Build every other language into <site_dir>/<code>/ (the root site is finished)."""
        if self.translating or self.root is None:
            return
        root = self.root
        for code in root.langs.others:
            path = self._config_of(root.root_dir, code)
            rel = build.rel(path)
            options = {"site_dir": os.path.join(config.site_dir, code), "strict": config.strict}
            if root.site_url:
                options["site_url"] = root.site_url.rstrip("/") + f"/{code}/"
            try:
                other = load_config(config_file=path, **options)
            except (ConfigurationError, Abort) as exc:
                raise PluginError(f"{rel}: the {english_name(code)} site's settings are wrong ({exc}); "
                                  "see the messages above. Fix them, or remove "
                                  f"'{code}' from {SETTING} in mkdocs.yml.") from None
            self.translating = (code, root)
            try:
                build_site(other, serve_url=other.site_url if build.command == "serve" else None, dirty=False)
            except Abort as exc:
                raise PluginError(f"The {english_name(code)} site ({rel}) was not built: {exc} "
                                  "Its problems are listed above.") from None
            finally:
                self.translating = None
                self.code, self.root, self.langs = root.langs.root, root, root.langs

    # A translated build -----------------------------------------------------------------------

    def _configure_translation(self, build):
        config = build.config
        build.fallback_docs_dir = self.root.docs_dir
        build.compiled_templates = self.root.compiled_templates  # the same templates: compiled once
        build.translation = Translation(self.code, english_name(self.code), self.root.langs.root, self.root.docs_dir)
        config.extra["scope"] = urlsplit(self.root.site_url).path or "/"  # one saved state for every language
        path = build.rel(config.config_file_path)
        with open(config.config_file_path, encoding="utf-8") as fh:
            source = fh.read()
        if config.theme["language"] != self.code:
            return [ContentError(path, setting_line(path, source, ("theme", "language")),
                                 f"theme.language is '{config.theme['language']}' in {path}, "
                                 f"which builds the '{self.code}' site.",
                                 f"set 'language: {self.code}' under 'theme:' (Material's own words and the search "
                                 "in that language come with it).")]
        own = yaml.load(source, Loader=IgnoreTags) or {}
        if isinstance(own, dict) and "nav" in own:
            log.info(f"{path}: its nav: is not used: the menu is mkdocs.yml's nav, its section names translated "
                     f"under extra.translations in {path}. You can remove nav: from {path}.")
        words = config.extra.get("translations") or {}
        words = {str(k).strip(): str(v).strip() for k, v in words.items() if v} if isinstance(words, dict) else {}
        config.nav, untranslated = translate_nav(self.root.nav_tree, words)
        t = build.translation
        t.settings += [(path, "a section of the menu (nav: in mkdocs.yml)", label) for label in untranslated]
        own_center = ((own.get("extra") or {}).get("career_center") or {}) if isinstance(own, dict) else {}
        center = config.extra.get("career_center")
        if isinstance(center, dict):
            for key in CENTER_WORDS:
                if isinstance(center.get(key), str) and key not in own_center:
                    center[key], missing = translate_lines(center[key], words)
                    t.settings += [(path, f"extra.career_center.{key}", line) for line in missing]
        t.setting_texts = {text for _, _, text in t.settings}
        return self._completeness(build)

    def _add_root_statics(self, build, files):
        """The root docs' files the translation doesn't have: its static files (the logo), and its
        pages not translated yet, shown in the root language (marked as such: page.guide_untranslated)."""
        root, config = self.root, build.config
        for src in root.statics:
            if files.get_file_from_path(src) is None:
                files.append(File(src, root.docs_dir, config.site_dir, config.use_directory_urls))
        for src, rel in root.pages.items():
            if files.get_file_from_path(src) is None:
                files.append(File(src, root.docs_dir, config.site_dir, config.use_directory_urls))
                build.translation.pages.append((src, rel))

    def _completeness(self, build) -> list[ContentError]:
        """What the translation lacks or has out of date, for the report (pages not translated yet
        are shown in the root language: _add_root_statics); what would break it, as errors: a page
        that translates no page, a misspelt marker."""
        root, language, config, t = self.root, english_name(self.code), build.config, build.translation
        docs = build.rel(build.docs_dir)
        ours = {f.src_uri: f for f in get_files(config).documentation_pages()}
        errors = [e for e in compare_pages(root.pages, {src: build.rel(f.abs_src_path) for src, f in ours.items()},
                                           Pair(build.rel(root.docs_dir), docs), language)
                  if "has no original" in e.problem]  # a page not translated yet is shown in the original
        times = file_times(root.docs_dir) or {}
        for src, file in ours.items():
            if src not in root.pages:
                continue
            original = os.path.join(build.root, root.pages[src])
            with open(original, encoding="utf-8") as fh:
                text = fh.read()
            changed, written = times.get(os.path.normpath(original)), times.get(os.path.normpath(file.abs_src_path))
            if changed and written and changed > written:
                t.stale_pages.append((build.rel(file.abs_src_path), root.pages[src], newer(
                    ([changed], [written]), (1, 1), (1, 1))))
            translated = file.content_string
            pair = Pair(root.pages[src], build.rel(file.abs_src_path))
            known = [m for m in find_all_markers(text) if m.kind in build.kinds]
            unknown = [m for m in find_all_markers(translated) if m.kind not in build.kinds]
            for e in compare_markers(known, [m for m in find_all_markers(translated) if m.kind in build.kinds], pair,
                                     unknown=unknown):
                if "is not a marker the guide knows" in e.problem:
                    errors.append(e)  # a misspelling: the translation is broken
                else:
                    t.stale_pages.append((f"{pair.translated}:{e.line}", pair.original, e.problem))
            a, b = front_matter(text), front_matter(translated)
            if a is not None and b is not None:
                t.stale_pages += [(f"{e.path}:{e.line}", pair.original, e.problem)
                                  for e in compare_yaml(a, b, pair, language, offset=1)]
        return errors


# The center's settings that are words (the others, such as its email, links and logo, are the same in every language).
CENTER_WORDS = ("name", "short_name", "support_text", "address", "urgent_name", "urgent_text", "reviewed_by")


class IgnoreTags(yaml.SafeLoader):
    """Reads a config file whatever tags it uses (!ENV): only its keys matter here."""


IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def translate_lines(text: str, words: dict[str, str]) -> tuple[str, list[str]]:
    """A setting in the translation's language: each of its lines by `words` (original -> translated);
    and the lines that have no translation (they stay as they are)."""
    lines, missing = [], []
    for line in text.splitlines() or [text]:
        found = words.get(line.strip())
        lines.append(found if found else line)
        if not found and line.strip():
            missing.append(line.strip())
    return "\n".join(lines), missing


def translate_nav(nav, sections: dict) -> tuple[list, list[str]]:
    """mkdocs.yml's nav for a translated site: the same pages in the same order; each section's name
    from `sections` (English name -> translated name), or the English one (listed as untranslated);
    a page with an English label gets its own title instead (its front matter's, translated)."""
    untranslated: list[str] = []

    def walk(items):
        out = []
        for item in items or []:
            if isinstance(item, dict):
                for label, value in item.items():
                    if isinstance(value, list):
                        if label not in sections:
                            untranslated.append(label)
                        out.append({sections.get(label, label): walk(value)})
                    elif label in sections:
                        out.append({sections[label]: value})
                    elif isinstance(value, str) and "://" in value:
                        untranslated.append(label)
                        out.append({label: value})
                    else:
                        out.append(value)
            else:
                out.append(item)
        return out

    return walk(nav), untranslated


component = LanguagesComponent()
