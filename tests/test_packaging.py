"""The installed product: build the wheel, install it in a fresh venv, run `trials` from there.

Everything is offline: the wheel is built without build isolation (setuptools and wheel come
from the test extra), and the fresh venv gets only the wheel. Its dependencies (textual,
rich, tinydb…) are made visible by a .pth file naming the folders they are installed in;
such a folder's own .pth files are not processed, so a development (editable) install of
this project there stays invisible, and every command runs the code of the wheel.
"""

from __future__ import annotations

import csv
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_IDS = ["LOCAL-560cb85369", "LOCAL-826653db64", "NCT01494480", "NCT02249676", "NCT06360861"]
ALS = "NCT01494480"  # the only seed trial about amyotrophic lateral sclerosis
NMO = "NCT02249676"
TOP_LEVEL = {"parsers", "store", "tui", "seeds"}
DATA_SUFFIXES = {".tcss"}  # package data besides the seeds' *.txt

# Not copied for the build: version control, build output, tests and docs at the top level;
# caches and virtual environments anywhere.
IGNORED_AT_ROOT = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", ".hypothesis", "tests", "docs"
)
IGNORED_ANYWHERE = shutil.ignore_patterns("__pycache__", ".*_cache")

# The browser, headless: opens an empty store (so it imports the bundled seeds itself),
# waits for the list, prints the screen, quits with ctrl+q and says whether it stopped.
BROWSE = """
import asyncio, sys
from pathlib import Path
from tui.app import TrialsApp

async def main():
    app = TrialsApp(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        text = ""
        for _ in range(400):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            text = "\\n".join(strip.text for strip in app.screen._compositor.render_strips())
            if "5 of 5 trials" in text:
                break
        print(text)
        await pilot.press("ctrl+q")
        await pilot.pause()
        print("running after ctrl+q:", app.is_running)
    print("error:", app.error)

asyncio.run(main())
"""

# Imports every module of the installed packages; prints "module<TAB>where" per line
# (a package's folders, a module's file).
IMPORT_ALL = """
import importlib, pkgutil
for top in sys.argv[1:]:
    package = importlib.import_module(top)
    for folder in package.__path__:
        print(top, folder, sep="\t")
    for info in pkgutil.walk_packages(package.__path__, top + "."):
        module = importlib.import_module(info.name)
        print(info.name, getattr(module, "__file__", None) or "-", sep="\t")
"""


@dataclass(frozen=True)
class Installed:
    """A fresh venv with the wheel installed, and a folder outside the checkout to run in."""

    wheel: Path
    source: Path  # the copy of the checkout the wheel was built from
    venv: Path
    site: Path  # the venv's site-packages
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(arg) for arg in args], cwd=self.cwd, env=self.env,
            capture_output=True, text=True, timeout=timeout,
        )

    def trials(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        result = self.run(self.venv / "bin" / "trials", *args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def python(self, script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
        result = self.run(self.venv / "bin" / "python", "-c", "import sys\n" + script, *args)
        assert result.returncode == 0, (result.stdout, result.stderr)
        return result


def _ignored(folder: str, names: list[str]) -> set[str]:
    """What the copy of the checkout leaves out (any virtual environment, whatever its name)."""
    ignored = set(IGNORED_ANYWHERE(folder, names))
    if Path(folder) == ROOT:
        ignored |= set(IGNORED_AT_ROOT(folder, names))
    return ignored | {name for name in names if (Path(folder) / name / "pyvenv.cfg").is_file()}


def _quiet_env() -> dict[str, str]:
    """os.environ without what would let the checkout or another install leak in."""
    env = {
        key: value for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
        and not key.startswith("PIP_")
    }
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return env


def _dependency_folders() -> list[str]:
    """The folders holding the installed dependencies of trials (all of them, transitively)."""
    folders: list[str] = []
    seen: set[str] = set()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pending = [_requirement_name(r) for r in project["dependencies"]]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        folder = str(Path(str(dist.locate_file(""))).resolve())
        if folder not in folders and Path(folder) != ROOT:
            folders.append(folder)
        pending += [_requirement_name(r) for r in dist.requires or [] if "extra ==" not in r]
    return folders


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match[0]).lower()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    env = _quiet_env()
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_ignored)  # a clean tree: no stale build/ output
    pip = [sys.executable, "-m", "pip"]

    def call(*args: str | Path) -> str:
        result = subprocess.run([str(a) for a in args], cwd=base, env=env,
                                capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout

    call(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", base / "dist", source)
    (wheel,) = (base / "dist").glob("trials-*.whl")

    venv = base / "venv"
    call(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    call(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel)
    site = Path(call(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
                .strip())
    (site / "_trials_dependencies.pth").write_text("\n".join(_dependency_folders()) + "\n")

    cwd = base / "elsewhere"
    cwd.mkdir()
    return Installed(wheel, source, venv, site, cwd, env)


def _source_files(root: Path, suffixes: Iterable[str]) -> set[str]:
    """The files of the top-level packages under root with these suffixes, as wheel paths."""
    return {
        path.relative_to(root).as_posix()
        for top in TOP_LEVEL
        for path in (root / top).rglob("*")
        if path.is_file() and path.suffix in set(suffixes) and "__pycache__" not in path.parts
    }


def test_the_wheel_ships_every_module_and_data_file_and_nothing_else(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = _source_files(installed.source, {".py", *DATA_SUFFIXES})
    expected |= {f"seeds/{path.name}" for path in (installed.source / "seeds").glob("*.txt")}
    assert "store/search/__init__.py" in expected and "tui/app.tcss" in expected
    assert len([name for name in expected if name.startswith("seeds/")]) == 5
    assert sorted(expected - names) == []
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == TOP_LEVEL


def test_every_module_imports_from_the_installed_venv(installed: Installed) -> None:
    output = installed.python(IMPORT_ALL, *sorted(TOP_LEVEL)).stdout
    places = [tuple(line.split("\t")) for line in output.splitlines()]
    site = str(installed.site) + os.sep
    leaked = [(name, where) for name, where in places if not where.startswith(site)]
    assert leaked == []  # nothing comes from the checkout or another install
    modules = {name for name, _ in places}
    expected = {
        path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for path in _source_files(installed.source, {".py"})
    }
    assert sorted(expected - modules) == []


def test_version(installed: Installed) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert installed.trials("--version").stdout == f"trials {version}\n"


def test_commands_of_the_installed_trials(installed: Installed) -> None:
    db = installed.cwd / "store" / "trials.json"
    result = installed.trials("--db", db, "import", SEEDS_DIR)
    assert "5 imported" in result.stdout + result.stderr

    listed = installed.trials("--db", db, "list").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == SEED_IDS

    found = installed.trials("--db", db, "search", "stem").stdout.splitlines()
    assert sorted(line.split("\t")[0] for line in found) == SEED_IDS
    found = installed.trials("--db", db, "search", "amyotrophic").stdout.splitlines()
    assert [line.split("\t")[0] for line in found] == [ALS]

    shown = installed.trials("--db", db, "show", ALS).stdout
    assert ALS in shown and "Amyotrophic Lateral Sclerosis" in shown

    compared = installed.trials("--db", db, "compare", ALS, NMO).stdout
    assert ALS in compared and NMO in compared and "Differs in" in compared

    out = installed.cwd / "all.csv"
    installed.trials("--db", db, "export", "--all", "-o", out, "--format", "csv")
    with out.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [row["NCT Number"] for row in rows] == SEED_IDS


def test_the_browser_starts_on_the_bundled_seeds_and_quits(installed: Installed) -> None:
    db = installed.cwd / "browser" / "trials.json"  # empty: the browser imports the seeds
    output = installed.python(BROWSE, db).stdout
    assert "5 of 5 trials" in output, output
    for trial_id in SEED_IDS:
        assert trial_id in output
    assert "running after ctrl+q: False" in output
    assert "error: None" in output
