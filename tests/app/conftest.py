from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from app_builders import demo_analysis  # noqa: E402


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """The analysis cache and the notes database of the tests never touch the user's."""
    monkeypatch.setenv("CLOSEREAD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("CLOSEREAD_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def demo():
    return demo_analysis()
