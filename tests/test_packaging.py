"""The built wheel ships the bundled games, and a non-editable install loads them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        # the build backend may be missing without isolation; build with isolation
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "-w",
                str(out),
                str(ROOT),
            ],
            capture_output=True,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("coercion-*.whl")
    return path


def test_wheel_contains_bundled_games(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    source = sorted(p.name for p in (ROOT / "games").iterdir() if p.is_file())
    shipped = sorted(n.split("/")[-1] for n in names if n.startswith("coercion/games/"))
    assert source and shipped == source


def test_installed_wheel_loads_bundled_games(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import coercion, coercion._data as d; "
        f"assert coercion.__file__.startswith({str(target)!r}), coercion.__file__; "
        "print(d.games_dir()); print(len(d.bundled_games()))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    folder, count = proc.stdout.split()
    assert Path(folder) == target / "coercion" / "games"
    assert int(count) == len(list((ROOT / "games").glob("*.[ne]fg")))


def test_installed_wheel_loads_bundled_scenarios(wheel: Path, tmp_path: Path) -> None:
    names = sorted(p.stem for p in (ROOT / "games").glob("*.toml"))
    assert names, "no bundled scenarios in games/"
    shipped = [
        n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("coercion/games/")
    ]
    assert sorted(n.split("/")[-1] for n in shipped if n.endswith(".toml")) == [
        f"{n}.toml" for n in names
    ]
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import coercion as co; from coercion.scenario import bundled_scenarios; "
        f"assert co.__file__.startswith({str(target)!r}), co.__file__; "
        "names = bundled_scenarios(); "
        "print(' '.join(n for n in names if co.load_scenario(n).sources().shape[0]))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == names
