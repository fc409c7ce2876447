"""What a tool is to the build: a Component, and the Build that runs them.

A component declares everything the build needs to know about its tool:

- `name`: the tool's name; its files share it (hooks/components/<name>.py, hooks/guidekit/<name>.py,
  overrides/partials/<name>*.html, overrides/assets/tools/<name>.js|css, tests/test_<name>*.py).
- `data`: its data file in docs/_data/ (or None), read by `load(path, text) -> (data, errors)`.
  A missing data file is a build error naming the file, for every component alike.
- `needs`: the components whose data it reads (`build.data_of(self, "emails")`); the build loads
  those first. Nothing is handed over through config.extra, and the order of hooks doesn't matter.
- `markers`: the marker kinds it expands, each with the ids (variants) it accepts: `variants(kind)`.
  The one marker grammar is `<!-- kind -->` or `<!-- kind: id -->` on a line of its own.
- `assets`: its script and style in overrides/assets/tools/ ('name', or 'name.css' for a style alone),
  loaded only on pages that show it
  (`assets_for(kind, id)`: fewer for a variant that needs less, e.g. the compact planner: none).
- `sheets`: its printable sheets, each a `Sheet` (guidekit/printsheets.py: address, title, what renders
  its body, the live page its QR code leads to); the print component makes their pages and feet.
- `configure`, `add_files`, `check`, `markdown`, `render`, `post_template`, `post_page`, `post_build`: what it does
  at each step; `template_globals`, `template_filters`: what it gives every template; all optional.
- `render_key`: what a marker's rendering reads from its page, when that is little (a link or two):
  the build then renders each marker once per key instead of once per page (on a large site the
  same checklist or email shows on hundreds of pages).
- What Material's search plugin indexes of a rendering is said in its partial: its controls (buttons,
  form fields, status lines) carry `data-search-exclude="1"`, which the plugin skips, then removes
  from the page. The plugin tells elements apart by their tag alone: an excluded <div> is read again
  from the first inner </div> on, so exclude an element without descendants of its own tag, or
  exclude a heading with an id, which drops its whole section (partials/email.html does both).
- Words a reader sees come from overrides/text/<language>.yml (the `text` component):
  `words.<tool>.<key>` in templates, `build.words(tool)` in Python.

Nothing here knows a particular tool. guide.py (the one hook in mkdocs.yml) connects a Build to
MkDocs's events.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from guidekit.assets import tool_assets
from guidekit.datafile import did_you_mean
from guidekit.errors import ContentError
from guidekit.markers import LINE_MARKER, MARKER, Marker, find_all_markers
from guidekit.printsheets import Sheet
from guidekit.translations import Translation, line_times, mark, missing_texts, overlay

from .render import CompiledTemplates

ANY_ID = None  # variants(kind) returns this when any id is accepted (checked by the component itself)


class Component:
    name: str = ""
    data: str | None = None                # file name inside docs/_data/
    needs: tuple[str, ...] = ()
    markers: dict[str, str] = {}           # kind -> what its id names, for messages ("the checklist")
    internal: tuple[str, ...] = ()         # kinds only the build writes (generated pages), never authors
    ids_in_data: tuple[str, ...] = ()      # kinds whose ids are those of entries in the data file
    wrappers: tuple[str, ...] = ()         # kinds that open or close a block around Markdown (a lone start or
                                           # end tag): expanded once Markdown has converted the page
    assets: tuple[str, ...] = ()           # names of assets/tools/<name>.css and .js

    def load(self, path: str, text: str) -> tuple[Any, list[ContentError]]:
        """Read the data file's text; return the data (None if unusable) and every problem."""
        return None, []

    def configure(self, build: "Build") -> list[ContentError]:
        return []

    def add_files(self, build: "Build", files) -> None:
        pass

    def sheets(self, build: "Build") -> list[Sheet]:
        """Its printable sheets (the print component makes their pages, in this order)."""
        return []

    def check(self, build: "Build", pages: set[str]) -> list[ContentError]:
        """Cross-checks once the pages are known: links to pages, ids of other tools."""
        return []

    def variants(self, build: "Build", kind: str) -> Collection[str] | None:
        """The ids a marker of this kind accepts ('' for none), or ANY_ID."""
        return ("",)

    def check_page(self, build: "Build", path: str, markers: list[Marker]) -> list[ContentError]:
        """Page-level rules for this component's markers (e.g. one planner per page)."""
        return []

    def markdown(self, build: "Build", page, markdown: str) -> str:
        return markdown

    def assets_for(self, kind: str, ident: str) -> tuple[str, ...]:
        """The assets a page needs when it shows this marker (all of them unless a variant needs less)."""
        return self.assets

    def render(self, build: "Build", kind: str, ident: str, page) -> str:
        raise NotImplementedError(f"{self.name} has no renderer for {kind}")

    def render_key(self, build: "Build", kind: str, ident: str, page):
        """Everything `render(build, kind, ident, page)` reads from `page`, as a hashable value; or None
        (the default) to render the marker afresh on every page. Two pages with the same key must get
        the same HTML: the build reuses the first rendering (within one build only)."""
        return None

    def template_globals(self, build: "Build") -> dict[str, Any]:
        """Names every template sees (ours and Material's), e.g. the words `words`."""
        return {}

    def template_filters(self, build: "Build") -> dict[str, Any]:
        return {}

    def post_page(self, build: "Build", page, html: str) -> str:
        """A page's whole HTML as it will be written (the theme's template around page.content)."""
        return html

    def post_template(self, build: "Build", name: str, html: str) -> str:
        """A theme template's HTML as it will be written (404.html), before any page is."""
        return html

    def post_build(self, build: "Build", site_dir: str) -> None:
        """Once every file of the site is written into site_dir."""


def ordered(components: list[Component]) -> list[Component]:
    """The components with every one after those it needs (a cycle or unknown name is a programming error)."""
    by_name = {c.name: c for c in components}
    done: list[Component] = []
    visiting: set[str] = set()

    def visit(c: Component) -> None:
        if c in done:
            return
        if c.name in visiting:
            raise RuntimeError(f"components need each other in a circle: {c.name}")
        visiting.add(c.name)
        for name in c.needs:
            if name not in by_name:
                raise RuntimeError(f"the component '{c.name}' needs '{name}', which is not registered")
            visit(by_name[name])
        visiting.discard(c.name)
        done.append(c)

    for c in components:
        visit(c)
    return done


@dataclass
class Build:
    """One build's state: the project paths, each component's data, and the marker table."""
    components: list[Component]
    root: str                     # the folder of mkdocs.yml
    docs_dir: str
    config: Any = None
    data: dict[str, Any] = field(default_factory=dict)
    files: Any = None
    command: str = "build"        # what mkdocs runs: "build", "serve" or "gh-deploy"
    subsites: list[str] = field(default_factory=list)  # folders of site_dir another build writes (es/)
    fallback_docs_dir: str | None = None  # a translation's static files missing from docs_dir come from here
    translation: Translation | None = None  # set in a translated site's build (components/languages.py)
    compiled_templates: CompiledTemplates = field(default_factory=CompiledTemplates)  # a translation shares its root's

    def __post_init__(self):
        self.components = ordered(self.components)
        self._rendered: dict[tuple, str] = {}  # (kind, id, render_key) -> HTML, this build only
        self._titles: dict[str, str] = {}
        self._used: dict[str, list[str]] = {}   # page src_uri -> the assets of the tools its markers showed
        self.kinds: dict[str, Component] = {}
        for c in self.components:
            for kind in [*c.markers, *c.internal]:
                if kind in self.kinds:
                    raise RuntimeError(f"the marker kind '{kind}' belongs to both {self.kinds[kind].name} and {c.name}")
                self.kinds[kind] = c

    # Data -------------------------------------------------------------------------------------

    def rel(self, path: str) -> str:
        """A path as the author knows it: relative to the folder of mkdocs.yml."""
        return os.path.relpath(path, self.root)

    def data_path(self, name: str) -> str:
        return os.path.join(self.docs_dir, "_data", name)

    def load(self) -> list[ContentError]:
        """Read every component's data file, in dependency order; every problem of every file."""
        errors: list[ContentError] = []
        for c in self.components:
            errors += c.configure(self)
            if not c.data:
                continue
            if self.translation is not None:
                data, problems = self._load_translated(c)
                errors += problems
                if data is not None and not problems:
                    self.data[c.name] = data
                continue
            path = self.data_path(c.data)
            rel = self.rel(path)
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except FileNotFoundError:
                errors.append(ContentError(rel, 1, f"The {c.name} data file {rel} is missing.",
                                           f"restore it (git checkout -- {rel}); the {c.name} tool needs it."))
                continue
            data, problems = c.load(rel, text)
            errors += problems
            if data is not None and not problems:
                self.data[c.name] = data
        return errors

    def _load_translated(self, c: Component):
        """A translated site's data: the original's file with the translation's words in it
        (guidekit/translations.py); words not translated yet are marked as the original language."""
        t = self.translation
        original, translated = os.path.join(t.original_docs, "_data", c.data), self.data_path(c.data)
        rel, rel_t = self.rel(original), self.rel(translated)
        try:
            with open(original, encoding="utf-8") as fh:
                text = fh.read()
        except FileNotFoundError:
            return None, [ContentError(rel, 1, f"The {c.name} data file {rel} is missing.",
                                       f"restore it (git checkout -- {rel}); the {c.name} tool needs it.")]
        words = None
        if os.path.isfile(translated):
            with open(translated, encoding="utf-8") as fh:
                words = fh.read()
        times = (line_times(original), line_times(translated)) if words is not None else (None, None)
        result = overlay(text, rel, words, rel_t, t.language, times)
        t.data[c.data] = (rel, rel_t, result)
        if result.errors:
            return None, result.errors
        data, problems = c.load(rel, result.text)
        # a problem in a translated text is the translation's: named at its line there
        problems = [ContentError(rel_t, result.where(e.line), e.problem, e.fix)
                    if e.path == rel and result.where(e.line) else e for e in problems]
        return mark(data, missing_texts(result.units), t.original_lang), problems

    def words(self, tool: str) -> dict[str, Any]:
        """A tool's words in this build's language (overrides/text/<language>.yml), plain text."""
        return self.data.get("text", {}).get(tool, {})

    def prepare_env(self, env):
        """Give a Jinja environment what every component offers templates (the words, `fill`)."""
        for c in self.components:
            env.globals.update(c.template_globals(self))
            env.filters.update(c.template_filters(self))
        return env

    def data_of(self, component: Component, name: str):
        """The data of a component that `component` declared in its needs."""
        if name != component.name and name not in component.needs:
            raise RuntimeError(f"the component '{component.name}' reads '{name}' without declaring it in needs")
        return self.data[name]

    # Markers ----------------------------------------------------------------------------------

    def check_markers(self, path: str, source: str) -> list[ContentError]:
        """Every marker of one page: a known kind, an accepted id, on a line of its own."""
        errors: list[ContentError] = []
        lines = source.splitlines()
        per_component: dict[str, list[Marker]] = {}
        for m in find_all_markers(source):
            shown = f"<!-- {m.kind}: {m.id} -->" if m.has_id else f"<!-- {m.kind} -->"
            owner = self.kinds.get(m.kind)
            if owner is not None and m.kind in owner.internal:
                errors.append(ContentError(path, m.line, f"'{shown}' is a marker the build writes itself.",
                                           "remove it; the build puts it where it is needed."))
                continue
            if owner is None:
                authored = [k for c in self.components for k in c.markers]
                close = did_you_mean(m.kind, authored)
                if not m.has_id and not close.startswith("did you mean"):
                    continue  # a one-word HTML comment such as <!-- draft --> is just a comment
                suggestion = (f"did you mean '<!-- {close.split(chr(39))[1]}{': ' + m.id if m.has_id else ''} -->'?"
                              if close.startswith("did you mean") else
                              f"use one of: {', '.join(sorted(authored))}.")
                errors.append(ContentError(path, m.line, f"'{shown}' is not a marker the guide knows.", suggestion))
                continue
            if not MARKER.fullmatch(lines[m.line - 1].strip()):
                errors.append(ContentError(path, m.line, f"The marker '{shown}' shares its line with other text.",
                                           f"put '{shown}' on a line of its own, with a blank line before and after."))
                continue
            allowed = owner.variants(self, m.kind)
            if allowed is not ANY_ID and m.id not in allowed:
                errors.append(self._variant_error(path, m, shown, owner, allowed))
                continue
            per_component.setdefault(owner.name, []).append(m)
        for c in self.components:
            if c.name in per_component:
                errors += c.check_page(self, path, per_component[c.name])
        return errors

    def _variant_error(self, path: str, m: Marker, shown: str, owner: Component, allowed) -> ContentError:
        what = owner.markers[m.kind]
        ids = sorted(i for i in allowed if i)
        where = f" (in {self.rel(self.data_path(owner.data))})" if m.kind in owner.ids_in_data else ""
        if m.id and not ids:
            return ContentError(path, m.line, f"'{shown}' takes no id.", f"write '<!-- {m.kind} -->'.")
        if not m.id:
            return ContentError(path, m.line, f"'{shown}' doesn't say which {what}.",
                                f"write '<!-- {m.kind}: id -->' with one of: {', '.join(ids)}{where}.")
        forms = [f"<!-- {m.kind}: {i} -->" if i else f"<!-- {m.kind} -->" for i in sorted(allowed)]
        close = did_you_mean(m.id, ids)
        fix = (f"{close[:-1]}{where}?" if close.startswith("did you mean") else f"use one of: {', '.join(forms)}{where}.")
        return ContentError(path, m.line, f"The page asks for {what} '{m.id}', which doesn't exist.", fix)

    def expand_markdown(self, markdown: str, page) -> str:
        """Replace every marker line of a page's Markdown with its component's rendering (raw HTML
        between blank lines), in one pass, before Markdown converts the page: so MkDocs sees the ids the
        tools create and checks the links to them. (A marker indented inside a block, such as an
        admonition, stays for `expand`: Markdown doesn't keep raw HTML whole there.) The scripts and
        styles of the components shown are noted for `expand`."""
        used: list[str] = []

        def swap(match) -> str:
            owner = self.kinds.get(match["kind"])
            if match["indent"] or (owner is not None and match["kind"] in owner.wrappers):
                # inside an indented block (an admonition), Markdown would wrap raw HTML in <p>; a lone
                # start tag would keep Markdown from converting what follows it: both wait for `expand`
                return match[0]
            html = self._rendering(match["kind"], match["id"] or "", page, used)
            return match[0] if html is None else f"\n{html.strip()}\n"

        if "<!--" in markdown:
            page.markdown = markdown  # what the renderers read of the page: its Markdown as the components made it
            markdown = LINE_MARKER.sub(swap, markdown)
        self._used[page.file.src_uri] = used
        return markdown

    def expand(self, html: str, page) -> str:
        """A converted page: the scripts and styles of the components it shows go before its content
        (and a marker that reached the HTML some other way is expanded here)."""
        used = self._used.pop(page.file.src_uri, [])

        def swap(match) -> str:
            made = self._rendering(match["kind"], match["id"] or "", page, used)
            return match[0] if made is None else made

        if "<!--" in html:
            html = MARKER.sub(swap, html)
        assets = "".join(tool_assets(page.url, a) for a in used)
        return assets + html

    def _rendering(self, kind: str, ident: str, page, used: list[str]) -> str | None:
        """One marker's rendering (None: not a marker the build knows, a plain comment), made once per
        render_key; its assets added to `used`."""
        owner = self.kinds.get(kind)
        if owner is None:
            return None  # a plain comment (a tool whose data failed has ended the build already)
        used.extend(a for a in owner.assets_for(kind, ident) if a not in used)
        key = owner.render_key(self, kind, ident, page)
        html = self._rendered.get((kind, ident, key)) if key is not None else None
        if html is None:
            html = owner.render(self, kind, ident, page)
            if key is not None:
                self._rendered[(kind, ident, key)] = html
        return html

    # Links ------------------------------------------------------------------------------------

    def page(self, src: str):
        """The File of a page by its source path inside docs/ ('feel-it.md'), or None
        (MkDocs's own index of the files, not a scan of them)."""
        return self.files.get_file_from_path(src) if self.files else None

    def title(self, src: str) -> str:
        """A page's title from its front matter (its path when it has none); read once per build."""
        if src not in self._titles:
            self._titles[src] = get_data(self.page(src).content_string)[1].get("title", src)
        return self._titles[src]

    def link(self, page, target: str) -> str | None:
        """Relative URL from page to a source file ('emails/index.md') or a site path ('print/x/')."""
        if target.endswith(".md"):
            file = self.page(target)
            if file is None:
                return None
            target = file.url
        return get_relative_url(target, page.url)


def read(path) -> str:
    """A written file's text exactly as written (line ends kept; bytes that aren't UTF-8 survive the round trip)."""
    return Path(path).read_bytes().decode("utf-8", "surrogateescape")


def write(path, text: str) -> None:
    Path(path).write_bytes(text.encode("utf-8", "surrogateescape"))
