"""Partials render through one theme environment per build. Pages are converted before MkDocs's own
on_env, so the components can't use MkDocs's environment; guide.on_env hands this one to MkDocs
instead, so MkDocs renders the pages with it too (a partial both use compiles once per build).

Each language's build (components/languages.py) runs in the same process with the same templates:
they share one CompiledTemplates, so a template is compiled once per `mkdocs build`, whatever the
number of languages. Nothing is kept between builds: each `mkdocs build`, and each rebuild of
`mkdocs serve`, starts with none, in memory.
"""
from __future__ import annotations

from jinja2 import BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for one `mkdocs build` (Build.compiled_templates,
    which a translated build takes from the root language's). A template whose source changed has
    another checksum, and is compiled again. Jinja works out a filter with constant arguments when
    it compiles: a component's filter (template_filters) must depend on its arguments alone, never
    on the build or its language, or the root language's result would show in every language."""

    def __init__(self):
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket):
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = (bucket.checksum, bucket.code)


def theme_env(build):
    """This build's theme environment, with what every component offers templates (Build.prepare_env)."""
    theme = build.config.theme
    env = getattr(theme, "_guide_env", None)
    if env is None:  # a new Theme comes with every build (and every `mkdocs serve` rebuild)
        env = build.prepare_env(theme.get_env())
        env.bytecode_cache = build.compiled_templates
        theme._guide_env = env
    return env


def render(build, template: str, /, **context) -> str:
    """Render a partial from overrides/ (or Material) with this build's theme environment."""
    return theme_env(build).get_template(template).render(config=build.config, **context)
