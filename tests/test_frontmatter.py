"""Front matter: every page needs a title and a description; errors name file and line."""
from __future__ import annotations

from guidekit.frontmatter import check_front_matter
from support import build, copy_project


def test_good_front_matter_passes():
    assert check_front_matter("docs/a.md", "---\ntitle: A\ndescription: About A.\n---\n# A\n") == []


def test_missing_description_names_the_closing_line():
    [err] = check_front_matter("docs/a.md", "---\ntitle: A\n---\n# A\n")
    assert (err.path, err.line) == ("docs/a.md", 3)
    assert "description" in str(err) and "Fix:" in str(err)


def test_empty_title_names_its_line():
    [err] = check_front_matter("docs/a.md", "---\ndescription: About A.\ntitle: ''\n---\n")
    assert err.line == 3 and "'title' is empty" in err.problem


def test_no_front_matter_and_bad_yaml():
    assert check_front_matter("docs/a.md", "# A\n")[0].line == 1
    [err] = check_front_matter("docs/a.md", "---\ntitle: A\ndescription: [oops\n---\n")
    assert err.path == "docs/a.md" and "YAML" in err.problem


def test_build_fails_with_file_and_line_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text().replace("description:", "summary:", 1))
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/privacy.md:4: The front matter has no 'description'." in output
    assert "Traceback" not in output
