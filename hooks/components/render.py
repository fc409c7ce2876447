"""Partials render through one theme environment per build. Pages are converted before MkDocs's own
on_env, so the components can't use MkDocs's environment; guide.on_env hands this one to MkDocs
instead, so MkDocs renders the pages with it too (a partial both use compiles once per build).

Compiled templates are kept between builds (Jinja's bytecode cache, in Jinja's own folder in the
system's temporary folder: nothing is written into the project): compiling the theme's and our
templates was a third of a small site's build. A template whose text changed compiles afresh.
"""
from __future__ import annotations

import hashlib

import jinja2
import mkdocs
from jinja2.bccache import Bucket, FileSystemBytecodeCache

try:
    from material import __version__ as _material
except ImportError:  # pragma: no cover (the theme is Material)
    _material = "?"

_VERSIONS = f"jinja2 {jinja2.__version__}, mkdocs {mkdocs.__version__}, material {_material}"


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by a template's name and text (and the versions that compile it), not
    by where the file is: copies of the project (tests, benchmarks) share one entry per template."""

    def get_bucket(self, environment, name, filename, source):
        checksum = self.get_source_checksum(source)
        key = hashlib.sha1(f"{name}\0{checksum}\0{_VERSIONS}".encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only or full temporary folder: the build goes on without keeping it
            pass


def _cache():
    try:
        return CompiledTemplates(pattern="__guide_%s.cache")
    except (OSError, RuntimeError):  # no safe temporary folder: compile every build, as MkDocs does
        return None


def theme_env(build):
    """This build's theme environment, with what every component offers templates (Build.prepare_env)."""
    theme = build.config.theme
    env = getattr(theme, "_guide_env", None)
    if env is None:  # a new Theme comes with every build (and every `mkdocs serve` rebuild)
        env = build.prepare_env(theme.get_env())
        env.bytecode_cache = _cache()
        theme._guide_env = env
    return env


def render(build, template: str, /, **context) -> str:
    """Render a partial from overrides/ (or Material) with this build's theme environment."""
    return theme_env(build).get_template(template).render(config=build.config, **context)
