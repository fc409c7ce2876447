"""The tools' JavaScript rules, unit-tested under Node's own test runner (tests/js/*.test.mjs).

Those tests load the browser scripts in assets/tools/ directly (each exports its plain functions
under Node) and run on example data they own. Here pytest runs them, so `make test` does too.
"""
from __future__ import annotations

import os
import subprocess

from support import ROOT, node_or_skip

JS_TESTS = ROOT / "tests" / "js"


def test_node_unit_tests_pass():
    files = sorted(str(p.relative_to(ROOT)) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "no tests in tests/js/"
    # The files set TZ for their daylight-saving cases themselves; this is where they start.
    result = subprocess.run([node_or_skip(), "--test", *files], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TZ": "America/New_York"}, timeout=120)
    assert result.returncode == 0, f"node --test failed:\n{result.stdout}\n{result.stderr}"
