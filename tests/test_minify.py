"""Published scripts and styles are minified; the sources in overrides/ stay readable."""
from __future__ import annotations

from guidekit.minify import minify_folder
from support import ROOT

TOOLS = ROOT / "overrides" / "assets" / "tools"


def test_minify_folder_shrinks_js_and_css_and_leaves_other_files(tmp_path):
    (tmp_path / "a.js").write_text("/* note */\nfunction add(first, second) {\n  return first + second;\n}\n")
    (tmp_path / "a.css").write_text("/* note */\n.a  {\n  color: red;\n}\n")
    (tmp_path / "a.svg").write_text("<svg> </svg>")
    sizes = minify_folder(tmp_path)
    assert set(sizes) == {"a.js", "a.css"}
    assert (tmp_path / "a.js").read_text() == "function add(first,second){return first+second;}"
    assert (tmp_path / "a.css").read_text() == ".a{color:red}"
    assert (tmp_path / "a.svg").read_text() == "<svg> </svg>"


def test_the_built_site_serves_minified_tools(guide):
    """In every language: a translation's site serves its own copy of the tools (with its words)."""
    for source in sorted(TOOLS.glob("*.[cj]s")):
        built = (guide.site / "assets" / "tools" / source.name).read_text(encoding="utf-8")
        script = built.split("\n", 1)[1] if built.startswith("(window.guideText=") else built  # after its words
        assert len(script.encode()) < 0.85 * len(source.read_bytes()), source.name
        assert "/*" not in script
