from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from app_builders import demo_analysis  # noqa: E402


@pytest.fixture
def demo():
    return demo_analysis()
