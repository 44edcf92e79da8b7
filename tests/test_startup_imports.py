"""The browser starts without the code it needs only later: the format parsers (loaded when a
file is first parsed), the export writers (when an export is written), the compare screen and
the comparison with rapidfuzz (when trials are compared, or a version's criteria are diffed),
the Results and History tabs' views (when first shown) and the import pipeline (when
something is imported). Each costs the first paint its loading time on every start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import browser_store

ROOT = Path(__file__).resolve().parent.parent

LATER = ["parsers.detect", "parsers.ctgov_json", "parsers.ctgov_csv", "parsers.criteria",
         "tui.export", "tui.screens.compare", "store.pipeline", "store.compare", "rapidfuzz",
         "tui.results_view", "tui.history_view"]


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running statement."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=120)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_browser_starts_without_the_parsers_writers_compare_and_import() -> None:
    loaded = loaded_after("import tui.app")
    assert "tui.screens.main" in loaded  # (what it does need is there)
    assert [name for name in LATER if name in loaded] == []


def test_parsing_loads_the_format_parsers_when_first_asked() -> None:
    loaded = loaded_after(
        "import parsers, pathlib\n"
        "assert 'parsers.detect' not in sys.modules\n"
        "parsers.parse_bytes_many(sorted(pathlib.Path('seeds').glob('*.txt'))[0].read_bytes())")
    assert {"parsers.detect", "parsers.criteria"} <= loaded


def test_a_json_study_is_parsed_without_the_other_formats_parsers() -> None:
    """The browser parses a record of an earlier parser revision again while it answers keys:
    loading the CSV, XML and page-text parsers as well cost that first read 96 ms, not 46."""
    study = ('{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", '
             '"briefTitle": "A"}}}')
    loaded = loaded_after(f"import parsers\nparsers.parse_text_many({study!r})")
    assert "parsers.ctgov_json" in loaded
    assert [name for name in ("parsers.ctgov_csv", "parsers.ctgov_xml", "parsers.veeva_text",
                              "parsers.ctgov_text") if name in loaded] == []


def test_bare_trials_opens_the_browser_without_the_sub_commands(tmp_path: Path) -> None:
    loaded = loaded_after(
        "from tui import app\n"
        "app.TrialsApp.run = lambda self: 0\n"
        "from tui.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'trials.json')!r}]) == 0")
    assert "tui.browse" in loaded
    assert [name for name in ("tui.cli_commands", "tui.compare_command", "tui.export_command",
                              "tui.sync_command", "tui.show_view") if name in loaded] == []


@pytest.mark.parametrize(("words", "store"), [
    ([], ""), (["--db", "a.json"], "a.json"), (["--db=a.json"], "a.json"),
    (["--db"], None), (["--db="], None), (["--db", "--version"], None), (["--help"], None),
    (["list"], None), (["--db", "a.json", "list"], None), (["--version"], None),
])
def test_only_bare_trials_and_its_store_skip_the_parser(
    words: list[str], store: str | None
) -> None:
    assert browser_store(words) == store
