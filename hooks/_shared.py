"""Shared by the hooks (not itself a hook, so not listed in mkdocs.yml).

- A ContentErrors from guidekit ends the build through MkDocs's PluginError: the author sees
  file:line, the problem and the fix, and no Python traceback.
- Partials render through one theme environment per build (pages are converted before MkDocs's
  own on_env, so the hooks can't use that one).
- A page's source path as its author knows it, for error messages.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

from mkdocs.exceptions import PluginError

from guidekit.errors import ContentError, ContentErrors, raise_if_any


@contextmanager
def failing_build():
    try:
        yield
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None


def fail_on(errors: list[ContentError]) -> None:
    """End the build if there are any errors."""
    with failing_build():
        raise_if_any(errors)


def render(config, template: str, /, **context) -> str:
    """Render a partial from overrides/ (or Material) with this build's theme environment."""
    env = getattr(config.theme, "_guide_env", None)
    if env is None:  # a new Theme comes with every build (and every `mkdocs serve` rebuild)
        env = config.theme._guide_env = config.theme.get_env()
    return env.get_template(template).render(**context)


def source_path(page, config) -> str | None:
    """The page's Markdown file relative to mkdocs.yml (docs/feel-it.md); None for a generated page."""
    if page.file.abs_src_path is None:
        return None
    return os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path))
