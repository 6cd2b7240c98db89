"""The engine loads NLTK without numpy/scipy (start-up time), and puts them back afterwards."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from tui.analysis import analyze
assert len(analyze('“We will win,” she said.').quotes) == 1
print('numpy' in sys.modules, 'scipy' in sys.modules)
"""


def test_engine_import_skips_numpy_and_scipy():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"], out.stdout + out.stderr


def test_numpy_stays_importable_afterwards():
    code = "import tui.analysis.text, sys; import importlib; print(importlib.util.find_spec('numpy') is not None)"
    spec = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # whatever this machine has installed is still findable after the engine loaded
    baseline = subprocess.run(
        [sys.executable, "-c", "import importlib.util; print(importlib.util.find_spec('numpy') is not None)"],
        capture_output=True, text=True, check=True,
    )
    assert spec.stdout.strip() == baseline.stdout.strip()
