"""Partials render through one theme environment per build. Pages are converted before MkDocs's own
on_env, so the components can't use MkDocs's environment; guide.on_env hands this one to MkDocs
instead, so MkDocs renders the pages with it too (a partial both use compiles once per build).

Compiled templates are kept between builds (Jinja's bytecode cache, in Jinja's own folder in the
system's temporary folder: nothing is written into the project): compiling the theme's and our
templates was a third of a small site's build. A template whose text changed compiles afresh.
The printed sheets' QR codes are kept in the same folder (`qr_svg`): making them was about a
twentieth of a small site's build.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile

import jinja2
import mkdocs
import segno
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from guidekit import printsheets

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


_kept_in: list[str | None] = []   # the folder `kept` uses, found once per process


def kept(name: str, key: str, make) -> str:
    """Text that is slow to make and depends on `key` alone, kept between builds in the folder of the
    compiled templates (Jinja's own, private to the user): read back when there, else `make()`
    (and kept, when the folder can be written). None of it is ever written into the project."""
    if not _kept_in:
        cache = _cache()
        _kept_in.append(cache.directory if cache else None)
    folder = _kept_in[0]
    if folder is None:
        return make()
    path = os.path.join(folder, f"__guide_{name}_{hashlib.sha1(key.encode('utf-8')).hexdigest()}")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeError):
        pass
    text = make()
    try:
        fd, part = tempfile.mkstemp(dir=folder, prefix="__guide_part_")
    except OSError:  # a read-only or full folder: the build goes on without keeping it
        return text
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(part, path)  # whole or not at all, should two builds write it at once
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(part)
    return text


_QR_MAKER = getattr(printsheets.qr_svg, "__wrapped__", printsheets.qr_svg).__code__
_QR = hashlib.sha1(f"segno {segno.__version__}\0{_QR_MAKER.co_code!r}\0{_QR_MAKER.co_consts!r}".encode()).hexdigest()


@functools.lru_cache(maxsize=None)  # and once per process (a counselors' handout shows the same one often)
def qr_svg(url: str, title: str) -> str:
    """printsheets.qr_svg, kept between builds (`kept`; made afresh when segno or that function changes)."""
    return kept("qr", f"{_QR}\0{url}\0{title}", lambda: printsheets.qr_svg(url, title))
