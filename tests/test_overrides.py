"""Material templates copied into overrides/ are listed in overrides/material-copies.yml.

Each entry records the Material version a copy is in step with and a sha256 of Material's
original file. When an upgrade changes an original, these tests fail and name the copies to
re-sync. After re-syncing them, record the new version and fingerprints with:

    python tests/test_overrides.py --update

No build, no browser: only files are read.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import pathlib
import re
import shutil
import sys
from dataclasses import dataclass

import jinja2
import pytest
import yaml
from jinja2 import nodes

ROOT = pathlib.Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
MANIFEST = OVERRIDES / "material-copies.yml"
UPDATE_COMMAND = "python tests/test_overrides.py --update"
COMPARE_URL = "https://github.com/squidfunk/mkdocs-material/compare/{old}...{new}"


# ---------------------------------------------------------------- helpers (also used by --update)

def material_templates() -> pathlib.Path:
    """The installed Material's templates folder."""
    import material
    return pathlib.Path(material.__file__).resolve().parent / "templates"


def installed_version() -> str:
    return importlib.metadata.version("mkdocs-material")


def sha256_of(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(path: pathlib.Path = MANIFEST) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["copies"]


@dataclass
class Stale:
    entry: dict
    reason: str  # "changed": Material's original differs from the recorded sha256; "missing": it is gone


def stale_copies(entries: list[dict], templates: pathlib.Path) -> list[Stale]:
    """Entries whose Material original is no longer the file that was copied."""
    stale = []
    for entry in entries:
        original = templates / entry["material"]
        if not original.is_file():
            stale.append(Stale(entry, "missing"))
        elif sha256_of(original) != entry["sha256"]:
            stale.append(Stale(entry, "changed"))
    return stale


def stale_message(stale: list[Stale], installed: str, templates: pathlib.Path) -> str:
    """What to re-sync, from which Material version to which, and how to update the manifest."""
    lines = [f"{len(stale)} Material template(s) copied into overrides/ changed or went away since "
             f"(installed Material: {installed}). Re-sync these copies:"]
    for s in stale:
        e = s.entry
        part = f"blocks {', '.join(e['blocks'])} of " if e.get("blocks") else ""
        if s.reason == "missing":
            lines.append(f"  - overrides/{e['file']}: Material {installed} no longer has {e['material']} "
                         f"(copied from {e['version']}); find what replaced it, and change or drop the copy.")
        else:
            lines.append(f"  - overrides/{e['file']}: {part}{e['material']}, from Material {e['version']} "
                         f"to {installed} (new original: {templates / e['material']})")
    for old in sorted({s.entry["version"] for s in stale}):
        lines.append(f"  What changed upstream: {COMPARE_URL.format(old=old, new=installed)} "
                     f"(material/templates/)")
    lines += [
        "For each: start from Material's new file, carry our change over (see its 'why' in",
        "overrides/material-copies.yml) and save it as our copy. Then run",
        f"  {UPDATE_COMMAND}",
        "to record the new version and sha256s in overrides/material-copies.yml.",
    ]
    return "\n".join(lines)


def unlisted_copies(overrides: pathlib.Path, templates: pathlib.Path, entries: list[dict]) -> list[str]:
    """Files in overrides/ with the path of a Material template (so replacing it) but no entry for it."""
    listed = {(e["file"], e["material"]) for e in entries}
    found = []
    for path in sorted(overrides.rglob("*")):
        rel = path.relative_to(overrides).as_posix()
        if path.is_file() and (templates / rel).is_file() and (rel, rel) not in listed:
            found.append(rel)
    return found


def _parse(path: pathlib.Path) -> nodes.Template:
    env = jinja2.Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])
    return env.parse(path.read_text(encoding="utf-8"), name=path.name)


def block_mismatches(overrides: pathlib.Path, templates: pathlib.Path, entries: list[dict]) -> list[str]:
    """Templates in overrides/ that extend a Material template: the blocks they replace must be the
    blocks their entry lists (a block replaced but not listed would not be checked on upgrade)."""
    problems = []
    for path in sorted(overrides.rglob("*.html")):
        rel = path.relative_to(overrides).as_posix()
        tree = _parse(path)
        for ext in tree.find_all(nodes.Extends):
            if not isinstance(ext.template, nodes.Const) or not (templates / ext.template.value).is_file():
                continue
            parent = ext.template.value
            if (overrides / parent).is_file() and rel != parent:
                continue  # extends our own copy (404.html extends our main.html): its blocks are ours
            ours = {b.name for b in tree.find_all(nodes.Block)}
            listed = [e for e in entries if e["file"] == rel and e["material"] == parent]
            if not listed:
                if ours:
                    problems.append(f"overrides/{rel} replaces blocks {sorted(ours)} of Material's {parent}: "
                                    f"add an entry with file: {rel}, material: {parent}, blocks: {sorted(ours)}")
                continue
            named = {b for e in listed for b in e.get("blocks") or []}
            if named != ours:
                problems.append(f"overrides/{rel}: the entry for {parent} lists blocks {sorted(named)}, "
                                f"the file replaces {sorted(ours)}")
    return problems


_ENTRY_START = re.compile(r"^  - ")
_FIELD = re.compile(r"^(?:  - |    )(material|version|sha256):")


def update_manifest(path: pathlib.Path, templates: pathlib.Path, version: str) -> list[str]:
    """Rewrite each entry's version and sha256 from the installed Material, keeping every comment
    and 'why' as written. Entries without version/sha256 lines get them. Returns what changed."""
    entries = load_manifest(path)
    out: list[str] = []
    index = -1
    seen: dict[int, set[str]] = {}
    material_line: dict[int, int] = {}
    changes = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if _ENTRY_START.match(line):
            index += 1
            seen[index] = set()
        m = _FIELD.match(line)
        if m and index >= 0:
            field = m.group(1)
            seen[index].add(field)
            prefix = line[:line.index(field)]
            entry = entries[index]
            if field == "material":
                material_line[index] = len(out)
            elif field == "version":
                line = f'{prefix}version: "{version}"\n'
            else:
                original = templates / entry["material"]
                if not original.is_file():
                    raise SystemExit(f"Material {version} has no {entry['material']} (entry for "
                                     f"overrides/{entry['file']}): fix that entry by hand first.")
                new = sha256_of(original)
                if new != entry.get("sha256"):
                    changes.append(f"{entry['file']} ({entry['material']}): sha256 updated")
                line = f"{prefix}sha256: {new}\n"
        out.append(line)
    # entries written without version/sha256 get them just after their material line
    for i in sorted(material_line, reverse=True):
        at = material_line[i] + 1
        entry = entries[i]
        if "sha256" not in seen[i]:
            out.insert(at, f"    sha256: {sha256_of(templates / entry['material'])}\n")
            changes.append(f"{entry['file']} ({entry['material']}): sha256 added")
        if "version" not in seen[i]:
            out.insert(at, f'    version: "{version}"\n')
    if len(material_line) != len(entries):
        raise SystemExit(f"{path}: could not find every entry's 'material:' line; "
                         "keep the layout of the existing entries.")
    path.write_text("".join(out), encoding="utf-8")
    rewritten = load_manifest(path)
    assert not stale_copies(rewritten, templates) and all(e["version"] == version for e in rewritten), \
        f"{path} was rewritten but does not check out: look at it by hand"
    return changes


# ---------------------------------------------------------------- tests on the real project

@pytest.fixture(scope="module")
def entries():
    return load_manifest()


def test_manifest_entries_are_complete(entries):
    assert entries, "overrides/material-copies.yml lists no copies"
    for e in entries:
        where = f"overrides/material-copies.yml, entry for {e.get('file')}"
        assert {"file", "material", "version", "sha256", "why"} <= e.keys(), f"{where}: missing fields"
        assert (OVERRIDES / e["file"]).is_file(), f"{where}: overrides/{e['file']} doesn't exist"
        assert isinstance(e["version"], str) and re.fullmatch(r"\d+(\.\d+)+", e["version"]), \
            f"{where}: version should be quoted, like \"9.8.2\""
        assert re.fullmatch(r"[0-9a-f]{64}", e["sha256"]), f"{where}: sha256 is not a sha256"
        assert isinstance(e["why"], str) and len(e["why"].split()) >= 5, f"{where}: say why"


def test_every_copy_of_a_material_template_is_listed(entries):
    unlisted = unlisted_copies(OVERRIDES, material_templates(), entries)
    assert not unlisted, (
        "These files in overrides/ replace Material templates of the same path but are not listed in "
        f"overrides/material-copies.yml: {', '.join(unlisted)}. Add an entry for each (file, material, "
        f"why; then run {UPDATE_COMMAND} to fill in version and sha256).")


def test_every_replaced_block_is_listed(entries):
    problems = block_mismatches(OVERRIDES, material_templates(), entries)
    assert not problems, "\n".join(problems)


def test_listed_blocks_exist_in_material(entries):
    templates = material_templates()
    for e in entries:
        if e.get("blocks") and (templates / e["material"]).is_file():
            theirs = {b.name for b in _parse(templates / e["material"]).find_all(nodes.Block)}
            gone = set(e["blocks"]) - theirs
            assert not gone, (f"Material {installed_version()}'s {e['material']} has no block(s) {sorted(gone)} "
                              f"any more, so overrides/{e['file']} replaces nothing there: re-sync it.")


def test_material_originals_are_unchanged(entries):
    templates = material_templates()
    stale = stale_copies(entries, templates)
    assert not stale, stale_message(stale, installed_version(), templates)


def test_manifest_is_not_published():
    """MkDocs copies non-template files of overrides/ into the site; exclude_docs keeps this one out."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    set_exclusions(files, config)
    manifest = files.get_file_from_path(MANIFEST.name)
    assert manifest is not None, "expected MkDocs to see overrides/material-copies.yml as a theme file"
    assert not manifest.inclusion.is_included(), "overrides/material-copies.yml would be published"


# ---------------------------------------------------------------- the checks can fail

@pytest.fixture
def originals(tmp_path, entries):
    """A copy of the installed Material's originals of every listed file."""
    templates = tmp_path / "templates"
    for e in entries:
        dest = templates / e["material"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(material_templates() / e["material"], dest)
    return templates


def test_changed_original_is_reported(originals, entries):
    assert stale_copies(entries, originals) == []
    target = next(e for e in entries if e["material"] == "partials/header.html")
    with (originals / "partials/header.html").open("a") as f:
        f.write("<!-- a fix in a newer Material -->\n")
    stale = stale_copies(entries, originals)
    assert [(s.entry["file"], s.reason) for s in stale] == [("partials/header.html", "changed")]
    message = stale_message(stale, "9.99.0", originals)
    assert "overrides/partials/header.html" in message
    assert f"from Material {target['version']} to 9.99.0" in message
    assert UPDATE_COMMAND in message
    assert "partials/search.html" not in message


def test_changed_base_html_names_the_blocks(originals, entries):
    text = (originals / "base.html").read_text()
    (originals / "base.html").write_text(text.replace("{% block htmltitle %}", "{% block htmltitle %}\n<!-- x -->"))
    stale = stale_copies(entries, originals)
    assert [(s.entry["file"], s.entry["material"]) for s in stale] == [("main.html", "base.html")]
    assert "blocks site_meta, htmltitle, extrahead, announce, content of base.html" in stale_message(stale, "9.99.0", originals)


def test_missing_original_is_reported(originals, entries):
    (originals / "partials/progress.html").unlink()
    stale = stale_copies(entries, originals)
    assert [(s.entry["file"], s.reason) for s in stale] == [("partials/progress.html", "missing")]
    assert "no longer has partials/progress.html" in stale_message(stale, "9.99.0", originals)


def test_unlisted_copy_and_unlisted_block_are_reported(tmp_path, entries):
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    templates = material_templates()
    assert unlisted_copies(overrides, templates, entries) == []
    assert block_mismatches(overrides, templates, entries) == []

    shutil.copyfile(templates / "partials/footer.html", overrides / "partials/footer.html")
    assert unlisted_copies(overrides, templates, entries) == ["partials/footer.html"]
    without_header = [e for e in entries if e["file"] != "partials/header.html"]
    assert unlisted_copies(overrides, templates, without_header) == ["partials/footer.html", "partials/header.html"]

    main = overrides / "main.html"
    main.write_text(main.read_text() + "\n{% block footer %}{% endblock %}\n")
    problems = block_mismatches(overrides, templates, entries)
    assert len(problems) == 1 and "footer" in problems[0] and "overrides/main.html" in problems[0]
    without_main_blocks = [e for e in entries if not e.get("blocks")]
    assert "add an entry" in block_mismatches(overrides, templates, without_main_blocks)[0]


def test_update_records_new_fingerprints_and_keeps_the_words(tmp_path, originals, entries):
    manifest = tmp_path / "material-copies.yml"
    shutil.copyfile(MANIFEST, manifest)
    with (originals / "partials/search.html").open("a") as f:
        f.write("<!-- newer -->\n")
    assert len(stale_copies(load_manifest(manifest), originals)) == 1

    changes = update_manifest(manifest, originals, "9.99.0")

    assert changes == ["partials/search.html (partials/search.html): sha256 updated"]
    updated = load_manifest(manifest)
    assert stale_copies(updated, originals) == []
    assert {e["version"] for e in updated} == {"9.99.0"}
    assert [(e["file"], e["material"], e["why"], e.get("blocks")) for e in updated] == \
           [(e["file"], e["material"], e["why"], e.get("blocks")) for e in entries]

    def words(text):  # everything but the version and sha256 lines: comments, layout, 'why'
        return [ln for ln in text.splitlines() if not re.match(r"\s+(version|sha256):", ln)]
    assert words(manifest.read_text()) == words(MANIFEST.read_text())


def test_update_fills_in_a_new_entry(tmp_path, originals):
    manifest = tmp_path / "material-copies.yml"
    shutil.copyfile(MANIFEST, manifest)
    shutil.copyfile(material_templates() / "partials/footer.html", originals / "partials/footer.html")
    with manifest.open("a") as f:
        f.write("\n  - file: partials/footer.html\n    material: partials/footer.html\n"
                "    why: >-\n      An example entry written by hand, without version or sha256.\n")
    update_manifest(manifest, originals, "9.8.2")
    new = load_manifest(manifest)[-1]
    assert new["version"] == "9.8.2"
    assert new["sha256"] == sha256_of(originals / "partials/footer.html")


# ---------------------------------------------------------------- python tests/test_overrides.py --update

def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print(__doc__)
        return 2
    templates, version = material_templates(), installed_version()
    changes = update_manifest(MANIFEST, templates, version)
    print(f"{MANIFEST.relative_to(ROOT)}: every entry now records Material {version}.")
    for change in changes:
        print(f"  {change}")
    entries = load_manifest()
    problems = [f"not listed: overrides/{rel} (add an entry with its 'why', then run this again)"
                for rel in unlisted_copies(OVERRIDES, templates, entries)]
    problems += block_mismatches(OVERRIDES, templates, entries)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def test_the_spanish_words_of_material_speak_to_the_student_as_tu():
    """Our copy of Material's Spanish words keeps every key of Material's and changes only words that
    said "usted" to a student (the search box's "Teclee ...")."""
    import material
    ours = (OVERRIDES / "partials" / "languages" / "es.html").read_text(encoding="utf-8")
    theirs = (pathlib.Path(material.__file__).parent / "templates" / "partials" / "languages" / "es.html").read_text(encoding="utf-8")
    pairs = lambda text: dict(re.findall(r'^\s*"([\w.]+)": "([^"]*)"', text, re.M))
    assert pairs(ours).keys() == pairs(theirs).keys()
    assert not re.search(r"\b(Teclee|Escriba|Pulse|Haga)\b", ours)
