"""The tutorials run in an empty folder, as a reader's session would.

Their examples write files (figures, reproduced outputs) to the current
folder, where the reader can open them; under pytest that folder is a fresh
temporary directory, so nothing is written into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _run_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
