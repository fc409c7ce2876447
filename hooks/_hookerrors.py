"""Shared by the hooks (not itself a hook, so not listed in mkdocs.yml).

A ContentErrors from guidekit ends the build through MkDocs's PluginError: the author sees
file:line, the problem and the fix, and no Python traceback.
"""
from __future__ import annotations

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
