"""Quality gates: every built page is valid HTML by the W3C Nu HTML Checker (vnu).

One vnu run (one Java start) checks every page of the shipped guide, of the copy with a center's
edits and of the tests' example site. Title, meta description, lang and one h1 per page are checked
in test_site_build.py.
vnu comes from npm (tests/package.json, installed by `make test` with `npm ci --prefix tests`)
and runs on Java (Debian's default-jre-headless, which `make test` installs when missing).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from support import ROOT, soup

VNU_JAR = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = bool(os.environ.get("CI"))
CANARY = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Canary</title></head>'
          '<body><p id="twice" id="twice">A duplicate attribute: vnu must report it.</p></body></html>')


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern
    markup: re.Pattern  # must match the checker's extract: markup only Material's templates write
    reason: str


# Errors from Material for MkDocs' own templates, left as they are, each with why. An entry matches on
# the message AND on Material's exact markup around it, so the same mistake in our markup still fails.
MATERIAL_ERRORS = [
    Allowed(re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
            re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                       r'id="__(drawer|search)" autocomplete="off">'),
            "material/templates/base.html puts autocomplete=\"off\" on its hidden drawer and search toggles "
            "so that Firefox doesn't restore them checked (menu or search open) after a reload; other "
            "browsers ignore it. Changing it would mean forking base.html."),
    Allowed(re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
            re.compile(r'<label class="md-nav__link( md-nav__container)?" for="__nav_[0-9_]+" '
                       r'id="__nav_[0-9_]+_label" tabindex="">'),
            "material/templates/partials/nav-item.html gives a section title's label tabindex=\"\" when "
            "navigation.sections is on (it means: not focusable); browsers ignore the empty value, which "
            "is the intended result. Changing it would mean forking nav-item.html."),
]


def allowed(msg: dict) -> Allowed | None:
    for entry in MATERIAL_ERRORS:
        if entry.message.search(msg.get("message", "")) and entry.markup.search(msg.get("extract", "")):
            return entry
    return None


def where(msg: dict, sites: dict) -> str:
    url = msg.get("url", "?")
    for name, root in sites.items():
        url = url.replace(root.as_uri(), name).replace(str(root), name)
    return f"{url}:{msg.get('lastLine', '?')}: {msg.get('message')}\n    {msg.get('extract', '').strip()[:200]}"


@pytest.fixture(scope="session")
def sites(site, edited, example) -> dict:
    """Every built site vnu checks, by the name messages give it."""
    return {"shipped": site, "center-edits": edited.site, "example": example.site}


@pytest.fixture(scope="session")
def vnu_messages(sites, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's errors, in one run over every built page of every site plus a canary page with a known error."""
    java = shutil.which("java")
    if not java or not VNU_JAR.is_file():
        missing = "Java (apt-get install default-jre-headless)" if not java else \
                  f"{VNU_JAR.relative_to(ROOT)} (npm ci --prefix tests)"
        if IN_CI:
            pytest.fail(f"The HTML checker can't run: {missing} is missing; `make test` installs it.")
        pytest.skip(f"The HTML checker can't run: {missing} is missing; `make test` installs it.")
    canary = tmp_path_factory.mktemp("canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    # The JIT's quick tier alone (C1): for one short run it halves the checker's CPU time, with the
    # same messages; its frames are bigger, so the schema's deep recursion needs a bigger stack.
    result = subprocess.run([java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR),
                             "--format", "json", "--errors-only", "--skip-non-html", *map(str, sites.values()), str(canary)],
                            capture_output=True, text=True, timeout=240)
    messages = json.loads(result.stderr)["messages"]
    out = {"canary": [], "site": []}
    for msg in messages:
        if msg.get("type") in ("error", "non-document-error"):
            out["canary" if msg.get("url", "").endswith("/canary.html") else "site"].append(msg)
    return out


def test_the_checker_runs_and_reports_errors(vnu_messages):
    assert any("Duplicate attribute" in m["message"] for m in vnu_messages["canary"]), vnu_messages["canary"]


def test_every_page_is_valid_html_apart_from_materials_listed_errors(vnu_messages, sites):
    errors = [m for m in vnu_messages["site"] if not allowed(m)]
    assert not errors, "HTML errors (W3C Nu HTML Checker):\n" + "\n".join(where(m, sites) for m in errors)


@pytest.mark.parametrize("message, extract", [
    ("Attribute “autocomplete” is only allowed when the input type is “color”, …",
     '<input type="checkbox" id="guide-nosave" autocomplete="off">'),
    ("Attribute “autocomplete” is only allowed when the input type is “color”, …",
     '<input class="md-toggle" data-md-toggle="drawer" type="radio" id="__drawer" autocomplete="off">'),
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     '<label class="guide-label" for="x" tabindex="">'),
    ("Duplicate ID “__drawer”.", '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                                 'id="__drawer" autocomplete="off">'),
])
def test_the_allow_list_does_not_cover_project_markup(message, extract):
    assert allowed({"message": message, "extract": extract}) is None


def test_every_dialog_has_an_accessible_name(sites):
    """Material's search dialog has none of its own (overrides/partials/search.html adds it)."""
    unnamed = [f"{name}: /{page.relative_to(root).as_posix()}" for name, root in sites.items()
               for page in sorted(root.rglob("*.html"))
               for el in soup(page).select('[role="dialog"], [role="alertdialog"]')
               if not (el.get("aria-label") or el.get("aria-labelledby"))]
    assert not unnamed, f"role=dialog without a name on: {unnamed}"
