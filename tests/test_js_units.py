"""The tools' JavaScript rules, unit-tested under Node's own test runner (tests/js/*.test.mjs).

Those tests load the browser scripts in assets/tools/ directly (each exports its plain functions
under Node) and run on example data they own. Here pytest runs them, so `make test` does too, once per
language of the guide, with the words the scripts show in it: all of overrides/text/<lang>.yml as JSON,
in a file named by the GUIDE_WORDS environment variable, and the language in GUIDE_LANG (the planner's
weekdays and dates are written by Intl in it).
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from guidekit.text import load_text
from support import ROOT, node_or_skip

JS_TESTS = ROOT / "tests" / "js"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_node_unit_tests_pass(tmp_path, lang):
    files = sorted(str(p.relative_to(ROOT)) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "no tests in tests/js/"
    text = ROOT / "overrides" / "text" / f"{lang}.yml"
    data, _, errors = load_text(str(text), text.read_text(encoding="utf-8"))
    assert not errors, errors
    words = tmp_path / "words.json"
    words.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # The files set TZ for their daylight-saving cases themselves; this is where they start.
    result = subprocess.run([node_or_skip(), "--test", *files], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TZ": "America/New_York", "GUIDE_WORDS": str(words), "GUIDE_LANG": lang},
                            timeout=120)
    assert result.returncode == 0, f"node --test failed:\n{result.stdout}\n{result.stderr}"
