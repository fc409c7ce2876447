"""Career-center settings (extra.career_center): validation, and the built site with other settings."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from guidekit.branding import (CenterSettings, Where, colour_warnings, contrast, load_center, locate,
                               palette_css, readable_on)
from guidekit.datafile import to_python
from guidekit.errors import ContentErrors
from support import DOCS, ROOT, build, center_settings as default_settings, copy_project, page_paths, soup

GOOD = {"name": "Riverside Institute Careers Office", "contact_email": "help@careers.riverside.test"}
NOWHERE = Where("mkdocs.yml", {})


def errors_of(raw, docs: Path = DOCS, where: Where = NOWHERE) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_center(raw, docs, where)
    return [str(e) for e in caught.value.errors]


# Unit: loading and validation ------------------------------------------------------------------

def test_the_default_settings_are_a_clearly_marked_fictional_example():
    center = load_center(default_settings(), DOCS, NOWHERE)
    assert "(example settings)" in center.name
    assert center.contact_email.endswith("@example.edu")
    assert center.booking_url == "https://example.edu/careers/book"
    assert center.logo == "assets/example-logo.svg" and (DOCS / center.logo).is_file()


def test_good_settings_fill_in_the_optional_keys():
    center = load_center(dict(GOOD, phone="+1 (555) 010-0199 ext. 12", address="Hall 2\n  Room 5 \n"), DOCS, NOWHERE)
    assert isinstance(center, CenterSettings)
    assert center.short_name == center["name"] == GOOD["name"]
    assert center.logo is None and center.booking_url is None and center.support_text is None
    assert center.phone_link == "tel:+15550100199"
    assert center.address_lines == ["Hall 2", "Room 5"]
    with pytest.raises(AttributeError):
        center.nothing


def test_a_number_for_a_phone_is_fine_and_short_colours_are_expanded():
    center = load_center(dict(GOOD, phone=5550100, primary_color="#36c"), DOCS, NOWHERE)
    assert center.phone == "5550100" and center.primary_color == "#3366cc"


@pytest.mark.parametrize("raw, expected", [
    (dict(GOOD, contact_email="foo"), "extra.career_center.contact_email 'foo' is not an email address."),
    (dict(GOOD, contact_email="mailto:a@b.edu"), "extra.career_center.contact_email 'mailto:a@b.edu' is not an email address."),
    (dict(GOOD, booking_url="example.edu/book"), "extra.career_center.booking_url 'example.edu/book' is not a web address."),
    (dict(GOOD, support_url="ftp://example.edu"), "extra.career_center.support_url 'ftp://example.edu' is not a web address."),
    ({"contact_email": "a@b.edu"}, "extra.career_center.name is missing or empty"),
    (dict(GOOD, name="  "), "extra.career_center.name is missing or empty"),
    ({"name": "X"}, "extra.career_center.contact_email is missing or empty"),
    (dict(GOOD, logo="assets/missing.png"), "extra.career_center.logo 'assets/missing.png' doesn't exist"),
    (dict(GOOD, logo="https://cdn.example.com/logo.png"), "extra.career_center.logo 'https://cdn.example.com/logo.png' is a web address"),
    (dict(GOOD, logo="index.md"), "extra.career_center.logo 'index.md' is not an image file"),
    (dict(GOOD, logo="../README.png"), "extra.career_center.logo '../README.png' is outside the docs/ folder"),
    (dict(GOOD, phone="call us"), "extra.career_center.phone 'call us' is not a phone number."),
    (dict(GOOD, primary_color="navy"), "extra.career_center.primary_color 'navy' is not a colour."),
    (dict(GOOD, accent_color=None), "extra.career_center.accent_color is empty."),
    (dict(GOOD, emial="x@y.edu"), "extra.career_center has an unknown setting 'emial'."),
    (dict(GOOD, name=["a", "b"]), "extra.career_center.name is not plain text."),
    (None, "extra.career_center is missing or is not a set of 'key: value' lines."),
])
def test_each_bad_setting_is_named_with_a_fix(raw, expected):
    [error] = [e for e in errors_of(raw) if expected in e] or [None]
    assert error, f"expected {expected!r} in {errors_of(raw)}"
    assert error.startswith("mkdocs.yml:") and " Fix: " in error


def test_all_problems_are_reported_together():
    assert len(errors_of({"contact_email": "foo", "booking_url": "nope"})) == 3


SOURCE = """\
site_url: !ENV [SITE_URL, "https://x.test/"]
extra:
  generator: false
  career_center:
    name: X
    contact_email: foo
nav: []
"""


def test_errors_carry_the_line_of_the_key_in_mkdocs_yml():
    where = locate("mkdocs.yml", SOURCE)
    assert where.lines == {"extra": 2, "career_center": 4, "name": 5, "contact_email": 6}
    assert errors_of({"name": "X", "contact_email": "foo"}, where=where)[0].startswith(
        "mkdocs.yml:6: extra.career_center.contact_email 'foo' is not an email address. Fix: ")
    # a missing key points at `career_center:`; no career_center at all points at `extra:`
    no_name = locate("mkdocs.yml", SOURCE.replace("    name: X\n", ""))
    assert errors_of({"contact_email": "a@b.edu"}, where=no_name)[0].startswith("mkdocs.yml:4: ")
    assert errors_of(None, where=locate("mkdocs.yml", "extra:\n  a: 1\n"))[0].startswith("mkdocs.yml:1: ")
    assert locate("mkdocs.yml", "extra: [oops").lines == {}


# Unit: colours --------------------------------------------------------------------------------

def test_contrast_follows_wcag():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#4051b5", "#fff") > 4.5  # Material's indigo, the default


def test_readable_on_reaches_aa_on_light_and_dark():
    for colour in ("#ffcc00", "#1f4e79", "#8a1c4a", "#777777"):
        assert contrast(readable_on(colour, "#ffffff"), "#ffffff") >= 4.5
        assert contrast(readable_on(colour, "#272a35"), "#1e2129") >= 4.5


def test_low_contrast_colours_are_named_in_a_warning():
    center = load_center(dict(GOOD, primary_color="#ffcc00", accent_color="#1f4e79"), DOCS, NOWHERE)
    [warning] = colour_warnings(center)
    assert warning.startswith("extra.career_center.primary_color '#ffcc00' has a contrast of only 1.5:1")
    assert "Fix: pick a darker colour, e.g. '#" in warning
    assert colour_warnings(load_center(dict(GOOD, primary_color="#1f4e79"), DOCS, NOWHERE)) == []


def test_palette_css_only_for_a_custom_pair():
    assert palette_css(load_center(GOOD, DOCS, NOWHERE)) == ""
    css = palette_css(load_center(dict(GOOD, primary_color="#1f4e79"), DOCS, NOWHERE))
    assert "--md-primary-fg-color: #1f4e79;" in css and "--md-accent-fg-color" not in css
    assert '[data-md-color-scheme="slate"] {\n  --md-typeset-a-color: #' in css
    css = palette_css(load_center(dict(GOOD, accent_color="#8a1c4a"), DOCS, NOWHERE))
    assert "--md-accent-fg-color: #8a1c4a;" in css and "--md-primary" not in css


# Build: another center's settings --------------------------------------------------------------

OLD = ["Example University Career Center", "Example Careers", "careers@example.edu", "https://example.edu/careers/book",
       "+1 555 010 0199", "tel:", "example-logo.svg", "example.edu/wellbeing", "Example University Counseling",
       "Example Student Center"]
NEW = {"name": "Riverside Institute Careers Office", "short_name": "Riverside Careers",
       "contact_email": "help@careers.riverside.test", "booking_url": "https://appointments.riverside.test/careers"}
NEW_SITE = "Riverside: After a Rejection"


def set_center(project: Path, lines: str, **top: str) -> None:
    """Replace the `career_center:` block (and top-level keys) of a copied project's mkdocs.yml."""
    path = project / "mkdocs.yml"
    source = path.read_text()
    source, count = re.subn(r"(?m)^  career_center:\n(?:(?:    .*)?\n)*", "  career_center:\n" + lines, source)
    assert count == 1
    for key, value in top.items():
        source, count = re.subn(rf"(?m)^{key}:.*\n(?:  .*\n)*", f"{key}: {json.dumps(value)}\n", source)
        assert count == 1, key
    path.write_text(source)


def center_lines(**changes) -> str:
    values = {**NEW, **changes}
    return "".join(f"    {k}: {json.dumps(v)}\n" for k, v in values.items() if v is not None)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("other")
    project = copy_project(tmp / "p")
    set_center(project, center_lines(),
               site_name=NEW_SITE, site_description="A different description for the social preview of this guide.")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of a build, generated ones (printable sheets, 404) included."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    return pages


def test_other_settings_show_on_every_page(other_site):
    for path in built_pages(other_site):
        doc = soup(path)
        if doc.select_one("body.sheet-page"):  # a printable sheet: no site chrome, the center on the paper
            for sheet in doc.select("article.sheet"):
                assert sheet.select_one(".sheet__center").get_text(strip=True) == NEW["name"]
                contact = sheet.select_one(".sheet__contact")
                assert contact.select_one(f"a[href='mailto:{NEW['contact_email']}']")
                assert contact.select_one(f"a[href='{NEW['booking_url']}']")
            assert NEW_SITE in doc.title.get_text()
            continue
        footer = doc.select_one("footer .guide-footer")
        assert footer, f"{path}: no career-center footer"
        text = footer.get_text(" ", strip=True)
        assert "Talk to a career counselor" in text and NEW["name"] in text and NEW["contact_email"] in text
        assert footer.select_one(f"a[href='{NEW['booking_url']}']")
        assert footer.select_one(f"a[href='mailto:{NEW['contact_email']}']")
        assert NEW["short_name"] in doc.select_one(".md-header__topic").get_text()
        assert doc.title.get_text().strip(), path
        assert NEW_SITE in doc.title.get_text()
        assert doc.select_one("meta[property='og:site_name']")["content"] == NEW_SITE


def test_the_old_settings_show_nowhere(other_site):
    files = built_pages(other_site) + [other_site / "search" / "search_index.json"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = [old for old in OLD if old in text]
        assert not found, f"{path.relative_to(other_site)} still shows {found}"


def test_left_out_settings_leave_no_empty_label_or_link(other_site):
    for path in built_pages(other_site):
        doc = soup(path)
        where = path.relative_to(other_site)
        for a in doc.select("a"):
            if a.find_parent(attrs={"hidden": True}) or a.find_parent(class_="guide-js-only"):
                continue  # a control that scripts fill in and show (e.g. "Open in my email app")
            href = a.get("href", "")
            assert href.strip() and href not in ("mailto:", "tel:", "#"), f"{where}: link without target {a}"
            named = a.get_text(strip=True) or a.get("aria-label") or a.get("title") or a.select_one("img[alt]:not([alt=''])")
            assert named, f"{where}: link without a name {a}"
        for item in doc.select(".guide-reach li"):
            label, _, value = item.get_text(" ", strip=True).partition(":")
            assert item.select_one("a") and (not _ or value.strip()), f"{where}: empty entry {item}"
        assert not doc.select(".guide-reach address, .md-logo img, a[href^='tel:']"), where
        assert "Phone" not in doc.select_one("footer").get_text() and "Visit:" not in doc.get_text()
        for img in doc.select("img"):
            assert img.get("src", "").strip(), f"{where}: image without a source"
    be_kind = soup(other_site / "be-kind" / "index.html").select_one(".guide-center-box")
    assert "Counseling and wellbeing" not in be_kind.get_text()
    assert NEW["name"] in be_kind.get_text()


def test_pages_name_the_center_where_readers_look_for_it(other_site):
    privacy = soup(other_site / "privacy" / "index.html").select_one("article .guide-center-box")
    assert f"published by {NEW['name']}" in privacy.get_text(" ", strip=True)
    assert privacy.select_one(f"a[href='mailto:{NEW['contact_email']}']")
    support = soup(other_site / "be-kind" / "index.html").select_one("article .guide-center-box")
    assert support.select_one(f"a[href='{NEW['booking_url']}']")
    home = soup(other_site / "index.html").select_one("article .admonition .guide-center-booking a")
    assert home["href"] == NEW["booking_url"] and home.get_text() == f"Book an appointment with {NEW['short_name']}"


def test_without_a_booking_link_the_home_page_offers_the_email(tmp_path):
    project = copy_project(tmp_path / "p")
    set_center(project, center_lines(booking_url=None))
    assert build(project, tmp_path / "out").returncode == 0
    doc = soup(tmp_path / "out" / "index.html")
    booking = doc.select_one("article .guide-center-booking")
    assert booking.select_one(f"a[href='mailto:{NEW['contact_email']}']")
    assert "Book an appointment" not in doc.get_text()


def test_the_default_site_shows_every_optional_setting(site):
    doc = soup(site / "be-kind" / "index.html")
    footer = doc.select_one("footer .guide-footer")
    assert footer.select_one("a[href='tel:+15550100199']").get_text() == "+1 555 010 0199"
    assert "Example Student Center, Room 210" in footer.select_one("address").get_text()
    assert doc.select_one(".md-logo img")["src"] == "../assets/example-logo.svg"
    box = doc.select_one("article .guide-center-box")
    assert box.select_one("a[href='https://example.edu/wellbeing']").get_text() == "Example University Counseling and Wellbeing (example)"


def test_every_page_has_a_meaningful_title_and_social_preview(site):
    for path in built_pages(site):
        doc = soup(path)
        title = doc.title.get_text(strip=True)
        assert "After the No" in title and title != "After the No", f"{path}: title {title!r}"
        desc = doc.select_one("meta[name='description']")["content"]
        assert doc.select_one("meta[property='og:title']")["content"] == title
        assert doc.select_one("meta[property='og:description']")["content"] == desc
        assert doc.select_one("meta[property='og:type']")["content"] == "website"
        assert doc.select_one("meta[name='twitter:card']")["content"] == "summary"
        assert not doc.select("meta[property='og:image'], meta[name='twitter:image']")
    for path in page_paths():
        source = (DOCS / (path or "index")).with_suffix(".md")
        source = source if source.is_file() else DOCS / path / "index.md"
        front = yaml.safe_load(source.read_text().split("---")[1])
        assert soup(site / path / "index.html").select_one("meta[name='description']")["content"] == front["description"]


# Build: invalid settings fail with a clear message --------------------------------------------

@pytest.mark.parametrize("changes, expected", [
    ({"contact_email": "foo"}, "extra.career_center.contact_email 'foo' is not an email address. Fix: "),
    ({"booking_url": "appointments.riverside.test"}, "extra.career_center.booking_url 'appointments.riverside.test' is not a web address. Fix: "),
    ({"support_url": "www.riverside.test/wellbeing"}, "extra.career_center.support_url 'www.riverside.test/wellbeing' is not a web address. Fix: "),
    ({"name": None}, "extra.career_center.name is missing or empty; the site needs it. Fix: "),
    ({"logo": "assets/riverside.png"}, "extra.career_center.logo 'assets/riverside.png' doesn't exist"),
], ids=["bad-email", "bad-booking-url", "bad-support-url", "missing-name", "missing-logo"])
def test_build_error_names_the_setting_and_its_line(tmp_path, changes, expected):
    project = copy_project(tmp_path / "p")
    set_center(project, center_lines(**changes))
    key = next(iter(changes))
    lines = (project / "mkdocs.yml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:" if changes[key] else "career_center:"))
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: {expected}" in output, output
    assert "Traceback" not in output


def test_build_error_for_an_unknown_center_marker(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text().replace("<!-- center: contact -->", "<!-- center: contacts -->"))
    line = next(i for i, t in enumerate(page.read_text().splitlines(), 1) if "center: contacts" in t)
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"docs/privacy.md:{line}: The page asks for the center's contact block 'contacts', which doesn't exist. Fix: did you mean 'contact'" in output


def test_low_contrast_custom_colour_fails_the_strict_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "p")
    set_center(project, center_lines(primary_color="#ffcc00"))
    result = build(project, tmp_path / "out", quiet=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "WARNING -  center: extra.career_center.primary_color '#ffcc00' has a contrast of only 1.5:1" in output
    assert build(project, tmp_path / "lax", strict=False).returncode == 0


def test_custom_colour_pair_is_applied(tmp_path):
    project = copy_project(tmp_path / "p")
    set_center(project, center_lines(primary_color="#1f4e79", accent_color="#8a1c4a"))
    result = build(project, tmp_path / "out", quiet=False)
    assert result.returncode == 0, result.stdout + result.stderr
    doc = soup(tmp_path / "out" / "index.html")
    assert doc.body["data-md-color-primary"] == "custom" and doc.body["data-md-color-accent"] == "custom"
    assert doc.select_one("link[href='assets/tools/center-colors.css']")
    css = (tmp_path / "out" / "assets" / "tools" / "center-colors.css").read_text()
    assert "--md-primary-fg-color:#1f4e79;" in css.replace(" ", "") and "--md-accent-fg-color:#8a1c4a;" in css.replace(" ", "")


def test_settings_reach_templates_as_config_extra_and_components_as_center_data(tmp_path):
    """Templates read config.extra.career_center; components that declare needs=("center",) read
    build.data["center"]: the same validated dict, whose keys also read as attributes."""
    from components import center as center_component
    from components.base import Build

    class Config(dict):
        __getattr__ = dict.__getitem__

    project = copy_project(tmp_path / "p")
    config = Config(config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs"),
                    extra={"career_center": default_settings()}, theme={"palette": {}}, extra_css=[])
    build = Build([center_component.component], str(project), str(project / "docs"), config)
    assert build.load() == []
    c = config.extra["career_center"]
    assert c is build.data["center"]
    assert c.name == c["name"] == default_settings()["name"].strip()
    assert sorted(c) == sorted(["name", "short_name", "logo", "contact_email", "phone", "booking_url", "support_url",
                                "support_text", "address", "primary_color", "accent_color", "phone_link", "address_lines"])
