"""Front matter: every page needs a title and a description; errors name file and line."""
from __future__ import annotations

from guidekit.frontmatter import check_front_matter
from support import build
from test_branding import example_copy


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
    """The one build: a page of the tests' own, in a copy of the example site, reaches the strict
    build's output as file:line and the problem, without a Python traceback."""
    site = example_copy(tmp_path / "p")
    source = "---\ntitle: No description\n---\n\n# No description\n\nA page the test wrote.\n"
    (site / "docs" / "no-description.md").write_text(source, encoding="utf-8")
    line = source.splitlines().index("---", 1) + 1  # the closing line of the front matter
    result = build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/no-description.md:{line}: The front matter has no 'description'." in output, output
    assert "Traceback" not in output
