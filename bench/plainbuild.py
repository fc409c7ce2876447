"""Build a plain Material folder (sites.make_plain) in every language, in one process: what run_build runs.

`python bench/plainbuild.py PLAIN_FOLDER OUT [SITE_URL]` builds mkdocs.yml into OUT/ and each other
language's mkdocs.<code>.yml into OUT/<code>/, one after the other, as the project's `mkdocs build` builds
its languages in one process (its hook builds each translation at on_post_build): one Python start-up on
each side. Only MkDocs is imported here, so the plain side pays for nothing the project's build doesn't.
"""
from __future__ import annotations

import logging
import pathlib
import sys
from urllib.parse import urlsplit

PLAIN_LANGUAGES = "languages.txt"   # in a make_plain folder: its languages, the root one first


def build_plain(plain: pathlib.Path, out: pathlib.Path, site_url: str | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)   # as `mkdocs build -q`
    codes = (plain / PLAIN_LANGUAGES).read_text(encoding="utf-8").split()
    root_url = ""
    for code in codes:
        first = code == codes[0]
        config = load_config(config_file=str(plain / ("mkdocs.yml" if first else f"mkdocs.{code}.yml")),
                             site_dir=str(out if first else out / code), strict=False,
                             **({"site_url": root_url + f"{code}/"} if not first else
                                {"site_url": site_url} if site_url else {}))
        if first:
            root_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        base = urlsplit(root_url).path or "/"
        for alt in config.extra.get("alternate") or []:   # make_plain wrote them relative to the root site
            alt["link"] = base + alt["link"]
        if len(codes) > 1:
            config.extra["scope"] = base                   # one saved state for every language, as the project
        build(config, dirty=False)


if __name__ == "__main__":
    build_plain(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
