"""Partials render through one theme environment per build. Pages are converted before MkDocs's own
on_env, so the components can't use MkDocs's environment; guide.on_env hands this one to MkDocs
instead, so MkDocs renders the pages with it too (a partial both use compiles once per build).
Nothing is kept between builds: each build compiles its templates afresh.
"""
from __future__ import annotations


def theme_env(build):
    """This build's theme environment, with what every component offers templates (Build.prepare_env)."""
    theme = build.config.theme
    env = getattr(theme, "_guide_env", None)
    if env is None:  # a new Theme comes with every build (and every `mkdocs serve` rebuild)
        env = build.prepare_env(theme.get_env())
        theme._guide_env = env
    return env


def render(build, template: str, /, **context) -> str:
    """Render a partial from overrides/ (or Material) with this build's theme environment."""
    return theme_env(build).get_template(template).render(config=build.config, **context)
