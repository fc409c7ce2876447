"""Partials render through one theme environment per build (pages are converted before MkDocs's
own on_env, so the components can't use that one)."""
from __future__ import annotations


def render(build, template: str, /, **context) -> str:
    """Render a partial from overrides/ (or Material) with this build's theme environment."""
    theme = build.config.theme
    env = getattr(theme, "_guide_env", None)
    if env is None:  # a new Theme comes with every build (and every `mkdocs serve` rebuild)
        env = theme._guide_env = build.prepare_env(theme.get_env())
    return env.get_template(template).render(config=build.config, **context)
