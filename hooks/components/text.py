"""The tools' own words in the build's language (overrides/text/<theme.language>.yml; logic:
guidekit/text.py).

Templates (ours and Material's, through every page) read them as `words.<tool>.<key>` and fill
placeholders with the `fill` filter; Python code asks `build.words(tool)`; each script gets its
tool's `script:` words written in front of assets/tools/<tool>.js when the site is written.
"""
from __future__ import annotations

import os
import pathlib

from mkdocs.exceptions import PluginError

from guidekit.errors import ContentError
from guidekit.text import Words, fill_html, load_text, merge_words, script_words

from .base import Component


class BuildWords(Words):
    error = PluginError  # MkDocs reports it as a build error: the message, no traceback


def words_file(config, language: str) -> tuple[str | None, str]:
    """The words file of a language: the first theme folder's text/<language>.yml (our overrides/
    before Material), or None, and where it is expected (the first folder's)."""
    candidates = [os.path.join(d, "text", f"{language}.yml") for d in config.theme.dirs]
    return next((p for p in candidates if os.path.isfile(p)), None), candidates[0]


def read_words(build, path: str):
    """A words file's (words, lines, errors), errors naming it as the author knows it."""
    with open(path, encoding="utf-8") as fh:
        return load_text(build.rel(path), fh.read())


class Text(Component):
    name = "text"

    def configure(self, build):
        config = build.config
        language = config.theme["language"] or "en"
        path, expected = words_file(config, language)
        t = build.translation
        if path is None and t is None:
            rel = build.rel(expected)
            return [ContentError(build.rel(config.config_file_path), 1,
                                 f"The guide's words for the language '{language}' ({rel}) are missing.",
                                 f"copy overrides/text/en.yml to {rel} and translate the words after each key.")]
        data, lines, errors = read_words(build, path) if path else ({}, {}, [])
        if t is not None and not errors:  # a translated site: what its words lack, in the original's
            original, _ = words_file(config, t.original_lang)
            if original:
                words, original_lines, problems = read_words(build, original)
                if words is not None and not problems:
                    rel = build.rel(path or expected)
                    data, missing, errors = merge_words(words, data, original_lines, lines, rel)
                    t.words += [(rel, key, text, line) for key, text, line in missing]
        path = path or expected
        if not errors:
            build.data[self.name] = data
            build.text_file, build.text_lines = build.rel(path), lines
        return errors

    def template_globals(self, build):
        return {"words": BuildWords(build.data.get(self.name, {}), getattr(build, "text_file", "overrides/text"))}

    def template_filters(self, build):
        return {"fill": fill_html}

    def post_build(self, build, site_dir):
        tools = pathlib.Path(site_dir) / "assets" / "tools"
        for tool, words in build.data.get(self.name, {}).items():
            script = tools / f"{tool}.js"
            if "script" in words and script.is_file():
                script.write_text(script_words(tool, words["script"]) + script.read_text(encoding="utf-8"),
                                  encoding="utf-8")


component = Text()
