"""The wheel carries the seed trials, and an installed (non-editable) package finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_seeds_and_finds_them_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True, timeout=240,
    )
    wheel = next((tmp_path / "dist").glob("trials-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    seeds = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("seeds/")) == seeds

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
         str(target), str(wheel)],
        check=True, capture_output=True, timeout=240,
    )
    script = (
        "import store, sys; from store import bundled_seed_paths; "
        "paths = bundled_seed_paths(); "
        "assert store.__file__.startswith(sys.argv[1]), store.__file__; "
        "print(len(paths), all(p.is_file() for p in paths), paths[0].parent.name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["5", "True", "seeds"]
