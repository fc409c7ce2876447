"""The one MkDocs hook (listed under `hooks:` in mkdocs.yml): MkDocs's events in, the components out.

Every tool is a component in hooks/components/ (its logic, free of MkDocs, in hooks/guidekit/).
This module only hands each event to the build: load and check every data file, add generated
pages, check every page's markers, expand the markers, minify the published assets, finish
the written pages (the Content Security Policy). Content
problems end the build with file:line, the problem and the fix, and no Python traceback.
"""
from __future__ import annotations

import os
import pathlib

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import components
from components import COMPONENTS, languages
from components.base import Build
from components.render import theme_env
from guidekit.errors import ContentError, ContentErrors
from guidekit.minify import minify_folder

_build: Build | None = None


def fail_on(errors: list[ContentError]) -> None:
    if errors:
        raise PluginError(ContentErrors(errors).report())


def on_startup(command, dirty):
    """What mkdocs was asked to do ("build", "serve", "gh-deploy"). Kept by the components package:
    `mkdocs serve` loads this hook afresh for every rebuild, and calls on_startup only once."""
    components.command = command


def on_config(config):
    global _build
    _build = Build(list(COMPONENTS), os.path.dirname(config.config_file_path), config.docs_dir, config,
                   command=getattr(components, "command", "build"))
    fail_on(_build.load())
    return config


def on_files(files, config):
    _build.files = files
    for component in _build.components:
        component.add_files(_build, files)
    pages = {f.src_uri for f in files.documentation_pages()}
    errors = [e for component in _build.components for e in component.check(_build, pages)]
    for file in files.documentation_pages():
        if file.abs_src_path is not None:  # generated pages carry only markers the build wrote
            errors += _build.check_markers(_build.rel(file.abs_src_path), file.content_string)
    fail_on(errors)
    return files


def on_page_markdown(markdown, page, config, files):
    for component in _build.components:
        markdown = component.markdown(_build, page, markdown)
    return _build.expand_markdown(markdown, page)


def on_page_content(html, page, config, files):
    return _build.expand(html, page)


@event_priority(100)  # first, so that any other plugin's on_env works on the environment MkDocs will use
def on_env(env, config, files):
    """Material's own templates (every page, 404) see what the components offer: the words `words`.
    MkDocs renders them with the environment the components rendered their partials with (a fresh
    theme environment, as MkDocs's own is at this point, prepared by Build.prepare_env), so a
    partial that both use (center-urgent-line.html...) compiles once per build."""
    return theme_env(_build)


@event_priority(-100)  # last, as on_post_page
def on_post_template(output_content, template_name, config):
    """The theme's own pages (404.html), which MkDocs writes before the Markdown pages."""
    for component in _build.components:
        output_content = component.post_template(_build, template_name, output_content)
    return output_content


@event_priority(-100)  # last: the policy's hashes are those of the scripts as the page is written
def on_post_page(output, page, config):
    for component in _build.components:
        output = component.post_page(_build, page, output)
    return output


def on_post_build(config):
    """Publish assets/tools/*.js and *.css minified (every byte counts on a phone), then let each
    component finish the written site (the Content Security Policy goes into every page); then
    build the site's other languages into it (components/languages.py)."""
    build = _build  # the other languages' builds run this same module, and replace _build
    minify_folder(pathlib.Path(config.site_dir) / "assets" / "tools")
    for component in build.components:
        component.post_build(build, config.site_dir)
    languages.component.translate(build, config)
