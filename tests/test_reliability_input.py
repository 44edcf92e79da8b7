"""Bad input: whatever `trials import` is pointed at, each file imports (its text made inert)
or fails with one line naming it and saying why; the rest of the batch imports; no traceback;
exit status 1 when anything failed. Every input is generated here, in tmp_path."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from parsers import MAX_PAGE_CHARS, parse_bytes_many
from store import TrialStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_8cd98e60ac34dbb8.txt"  # veeva-text, NCT02249676
SEED_ID = "NCT02249676"
CTGOV_SEED = ROOT / "seeds" / "000_a5fa2d49abcba82c.txt"  # ctgov-text
CLI = "from tui.cli import main; raise SystemExit(main())"
#: Kept out of every record and source text: NUL, other C0 and C1 controls, ESC, bidi overrides.
FORBIDDEN = ["\x00", "\x1b", "\x9b", "\x9d", "\r", "\u202e", "\u2066"]


def trials_command(*args: str | os.PathLike[str], db: Path) -> list[str]:
    """The command line of `trials ARGS --db DB` (run by this Python)."""
    return [sys.executable, "-c", CLI, *map(str, args), "--db", str(db)]


def trials_env(workers: int = 1) -> dict[str, str]:
    """The environment of a `trials` process: plain output, a set number of workers."""
    environ = {**os.environ, "NO_COLOR": "1", "TRIALS_IMPORT_WORKERS": str(workers)}
    environ.pop("TRIALS_DB", None)
    return environ


def run_trials(
    *args: str | os.PathLike[str], db: Path, timeout: float = 120, workers: int = 1,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """`trials ARGS --db DB` in a fresh process (after a prefix such as setpriv): exit
    status, stdout and stderr."""
    return subprocess.run(
        [*prefix, *trials_command(*args, db=db)], capture_output=True, text=True,
        timeout=timeout, env=trials_env(workers), check=False,
    )


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines a command wrote to stderr; no traceback allowed among them."""
    assert "Traceback" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if line.strip()]


def page(trial_id: str, text: str | None = None) -> str:
    """The seed page (or text) under another NCT id."""
    return (text or SEED.read_text("utf-8")).replace(SEED_ID, trial_id)


def tiny_page(number: int) -> str:
    """A small ClinicalTrials.Veeva page: a title, a status, a phase and an NCT id."""
    return (f"ClinicalTrials.Veeva\n\nSmall trial number {number}\n\nStatus and phase\n\n"
            f"Completed\nPhase 2\n\nIdentifiers\n\nNCT8{number:07d}\n")


def with_description(trial_id: str, description: str) -> str:
    """The seed page under trial_id with its full description replaced."""
    text = page(trial_id)
    start = text.index("Full description\n\n") + len("Full description\n\n")
    end = text.index("\n\nEnrollment")
    return text[:start] + description + text[end:]


def assert_inert(value: Any) -> None:
    """No control character, escape or bidi override anywhere in a record or text."""
    flat = orjson.dumps(value).decode("utf-8") if not isinstance(value, str) else value
    found = [char for char in FORBIDDEN if char in flat]
    assert not found, found


# --- one hostile batch: every small case in one folder ---------------------------------------


@dataclass
class Case:
    """A file of the hostile batch and what must become of it."""

    name: str
    write: Callable[[Path], None]
    trial_id: str | None = None  # the trial it imports, or None when it must fail
    reason: str | None = None  # words of the failure reason


def _write(data: bytes | str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, "utf-8")
        else:
            path.write_bytes(data)
    return write


def _symlink_loop(path: Path) -> None:
    os.symlink(path.name, path)  # a link to itself


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would block for ever


def _criteria(count: int) -> str:
    return "".join(f"  • Criterion number {n} about relapses\n" for n in range(count))


def _cut(text: str) -> str:
    return text[: text.index("Exclusion criteria") - 40]


CASES = [
    Case("empty.txt", _write(b""), reason="empty file"),
    Case("random.bin", _write(bytes(range(256)) * 64 + os.urandom(4096)), reason="binary"),
    Case("nul.txt", _write(page("NCT90000001").replace("Tianjin", "Tian\x00jin")), "NCT90000001"),
    Case("utf16.txt", _write(page("NCT90000002").encode("utf-16")), "NCT90000002"),
    Case("cp1252.txt", _write(page("NCT90000003").replace("Tianjin", "Tiänjin “Hospital”")
                              .encode("cp1252", "replace")), "NCT90000003"),
    Case("crlf.txt", _write(page("NCT90000004").replace("\n", "\r\n").encode()), "NCT90000004"),
    Case("cr.txt", _write(page("NCT90000005").replace("\n", "\r").encode()), "NCT90000005"),
    Case("escapes.txt", _write(page("NCT90000006").replace(
        "Tianjin", "\x1b]52;c;aGk=\x07Tianjin\x1b[2J\x9b31m\u202e")), "NCT90000006"),
    Case("README.txt", _write("# Trial pages\n\nThis folder holds the pages we exported.\n"),
         reason="not a trial page"),
    Case("cut-off.txt", _write(_cut(page("NCT90000007"))), "NCT90000007"),
    Case("criteria-5000.txt", _write(page("NCT90000008").replace(
        "Exclusion criteria\n", "Exclusion criteria\n\n" + _criteria(5000))), "NCT90000008"),
    Case("pages.txt/inner.txt", _write(page("NCT90000009")), "NCT90000009"),  # a folder *.txt
    Case("loop.txt", _symlink_loop, reason="a symbolic link that loops"),
    Case("pipe.txt", _fifo, reason="not a regular file"),
    Case("a/same-id.txt", _write(page("NCT90000010")), "NCT90000010"),
    Case("b/same-id.txt", _write(page("NCT90000010").replace("Tianjin", "Tianjin (later)")),
         "NCT90000010"),
]


@dataclass
class BatchRun:
    folder: Path
    db: Path
    result: subprocess.CompletedProcess[str]
    outcomes: dict[str, dict[str, Any]]  # by file name relative to the folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> BatchRun:
    """The hostile batch, written and imported once (`trials import --json FOLDER`)."""
    folder = tmp_path_factory.mktemp("hostile")
    for case in CASES:
        case.write(folder / case.name)
    os.symlink("..", folder / "a" / "up")  # a folder link loop: never followed
    db = folder.parent / f"{folder.name}-db" / "trials.json"
    result = run_trials("import", "--json", folder, db=db)
    report = orjson.loads(result.stdout)
    outcomes = {str(Path(o["path"]).relative_to(folder)): o for o in report["outcomes"]}
    return BatchRun(folder, db, result, outcomes)


def test_the_batch_exits_1_without_a_traceback(batch: BatchRun) -> None:
    assert batch.result.returncode == 1
    stderr_lines(batch.result)


def test_every_file_has_one_outcome(batch: BatchRun) -> None:
    assert sorted(batch.outcomes) == sorted(case.name for case in CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c.reason], ids=lambda c: c.name)
def test_a_bad_file_fails_with_one_line_naming_it(batch: BatchRun, case: Case) -> None:
    outcome = batch.outcomes[case.name]
    assert outcome["status"] == "failed"
    assert case.reason is not None and case.reason in outcome["reason"]
    lines = [line for line in stderr_lines(batch.result) if case.name in line]
    assert lines == [f"trials: {batch.folder / case.name}: {outcome['reason']}"]


@pytest.mark.parametrize("case", [c for c in CASES if c.trial_id], ids=lambda c: c.name)
def test_a_readable_page_imports_with_its_text_made_inert(batch: BatchRun, case: Case) -> None:
    assert batch.outcomes[case.name]["status"] in ("imported", "updated")
    trial_store = TrialStore(batch.db)
    assert case.trial_id is not None
    record = trial_store.get(case.trial_id)
    assert record is not None
    assert record["title"].startswith("Autologous Mesenchymal Stem Cells")
    assert record["status"] == "COMPLETED" and record["phases"] == ["PHASE2"]
    assert_inert(record)
    assert_inert(trial_store.get_source(case.trial_id) or "")


def test_encodings_and_line_endings_read_as_the_utf8_page(batch: BatchRun) -> None:
    trial_store = TrialStore(batch.db)
    reference = trial_store.get("NCT90000001")
    assert reference is not None and reference["sponsor"] == "Tianjin Medical University"
    for trial_id in ("NCT90000002", "NCT90000004", "NCT90000005"):
        record = trial_store.get(trial_id)
        assert record is not None
        for field in ("title", "sponsor", "conditions", "eligibility", "arms", "description"):
            assert record[field] == reference[field], (trial_id, field)
    cp1252 = trial_store.get("NCT90000003")
    assert cp1252 is not None and cp1252["sponsor"] == "Tiänjin “Hospital” Medical University"
    assert "text is not UTF-8: read as Windows-1252" in cp1252["warnings"]


def test_escape_sequences_are_removed_whole(batch: BatchRun) -> None:
    record = TrialStore(batch.db).get("NCT90000006")
    assert record is not None
    assert record["sponsor"] == "Tianjin Medical University"  # no "]52;c;aGk=" payload left


def test_a_cut_off_page_says_so(batch: BatchRun) -> None:
    record = TrialStore(batch.db).get("NCT90000007")
    assert record is not None
    assert any("cut off" in warning for warning in record["warnings"])


def test_five_thousand_criteria_are_all_kept(batch: BatchRun) -> None:
    record = TrialStore(batch.db).get("NCT90000008")
    assert record is not None
    texts = [criterion["text"] for criterion in record["eligibility"]["exclusion"]]
    seed_criteria = parse_bytes_many(SEED.read_bytes())[0].record["eligibility"]["exclusion"]
    assert len(texts) == 5000 + len(seed_criteria)  # the seed's own come after
    assert texts[0] == "Criterion number 0 about relapses"
    assert texts[4999] == "Criterion number 4999 about relapses"


def test_duplicate_ids_the_later_file_wins_and_is_reported_updated(batch: BatchRun) -> None:
    first, later = batch.outcomes["a/same-id.txt"], batch.outcomes["b/same-id.txt"]
    assert (first["status"], later["status"]) == ("imported", "updated")
    assert later["note"] == f"replaces {batch.folder / 'a/same-id.txt'} (same id NCT90000010)"
    assert first["note"] == f"replaced by {batch.folder / 'b/same-id.txt'}"
    record = TrialStore(batch.db).get("NCT90000010")
    assert record is not None
    assert record["sponsor"] == "Tianjin (later) Medical University"
    assert record["source"]["path"] == str(batch.folder / "b/same-id.txt")


def test_the_summary_counts_every_outcome(batch: BatchRun) -> None:
    result = run_trials("import", batch.folder, db=batch.db.with_name("again.json"))
    assert result.returncode == 1
    first_line = result.stdout.splitlines()[0]
    failed = sum(1 for case in CASES if case.reason)
    imported = len({case.trial_id for case in CASES if case.trial_id})
    assert first_line.startswith(
        f"{imported} imported, 1 updated, 0 unchanged, {failed} failed, from {len(CASES)} files"
    )
    assert len(stderr_lines(result)) == failed


# --- large inputs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 50 MB page, a page whose description is one 10 MB line, and a 1 MB one."""
    folder = tmp_path_factory.mktemp("large")
    words = "mesenchymal stem cells relapse lesion infusion neuromyelitis optica month "
    paragraph = (words * 40).strip()
    files = {
        "page-50mb.txt": with_description("NCT91000001", "\n\n".join(
            [paragraph] * (50 * 2**20 // (len(paragraph) + 2)))),
        "line-10mb.txt": with_description("NCT91000002", words * (10 * 2**20 // len(words))),
        "line-1mb.txt": with_description("NCT91000003", words * (2**20 // len(words))),
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / name
        paths[name].write_text(text, "utf-8")
    return paths


def test_a_50_mb_page_fails_alone_saying_it_is_too_large(
    large_files: dict[str, Path], tmp_path: Path
) -> None:
    big = large_files["page-50mb.txt"]
    assert big.stat().st_size > 50 * 10**6 > MAX_PAGE_CHARS
    good = tmp_path / "good.txt"
    good.write_text(page("NCT91000009"), "utf-8")
    result = run_trials("import", big, good, db=tmp_path / "db" / "trials.json", timeout=60)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"trials: {big}: too large for a veeva-text page: "
        f"{big.stat().st_size / 2**20:.1f} MB of text (a page is at most 16 MB)"
    ]
    assert TrialStore(tmp_path / "db" / "trials.json").ids() == ["NCT91000009"]


def test_a_10_mb_line_imports_without_hanging(
    large_files: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "db" / "trials.json"
    result = run_trials("import", large_files["line-10mb.txt"], db=db, timeout=60)
    assert result.returncode == 0, result.stderr
    stderr_lines(result)
    record = TrialStore(db).get("NCT91000002")
    assert record is not None and len(record["description"]) > 10 * 10**6
    assert [hit["id"] for hit in TrialStore(db).search("neuromyelitis")] == ["NCT91000002"]


def cpu_cost(action: Callable[[], object], repeat: int = 3) -> float:
    """The processor time this thread spends on an action (the least of a few runs).

    Processor time, not wall-clock time: what other processes do, and how long this one waits
    for a core, does not count, so the ratios below hold on a loaded machine. (The work that
    would turn quadratic is done inside the regular expression engine and str methods, where
    no Python-level counter sees it.)"""
    costs = []
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()  # a collection would be charged to whichever run it falls in
    try:
        for _ in range(repeat):
            start = time.thread_time_ns()
            action()
            costs.append(time.thread_time_ns() - start)
    finally:
        if was_enabled:
            gc.enable()
    return max(min(costs), 1) / 1e9


def test_parsing_a_long_line_takes_linear_time(large_files: dict[str, Path]) -> None:
    small = large_files["line-1mb.txt"].read_bytes()
    large = large_files["line-10mb.txt"].read_bytes()
    ratio = cpu_cost(lambda: parse_bytes_many(large)) / cpu_cost(lambda: parse_bytes_many(small))
    assert ratio < 30, ratio  # ten times the text (~10 times the work); quadratic: a hundred


# Lines that once took quadratic time in a parser (a 50,000-character line of "(" in a design
# value took half a minute), each where it did: (seed, line replaced, head, repeated unit,
# tail). Parsed with 2,000 and 20,000 units: linear time grows by little more than the
# page's fixed cost; the quadratic parsers took a hundred times as long (4 s at 20,000).
LONG_LINES = {
    "brackets in a design value": (
        SEED, "Parallel Assignment", "Parallel Assignment ", "(", ""),
    "brackets in a study type": (
        CTGOV_SEED, "    Interventional\n", "    Interventional ", "[", "\n"),
    "blanks inside a bullet line": (
        CTGOV_SEED, "  • Phase\n", "  • Note a", " ", "b\n  • Phase\n"),
    "a huge enrollment": (SEED, "15 patients", "", "9", " patients"),
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_long_lines_that_were_quadratic_are_linear(name: str) -> None:
    seed, old, head, unit, tail = LONG_LINES[name]
    text = seed.read_text("utf-8")
    assert old in text

    def text_of(size: int) -> bytes:
        return text.replace(old, head + unit * size + tail, 1).encode("utf-8")

    small, large = text_of(2_000), text_of(20_000)
    ratio = cpu_cost(lambda: parse_bytes_many(large)) / cpu_cost(lambda: parse_bytes_many(small))
    assert ratio < 20, ratio  # ~2 when linear; the quadratic parsers: thousands
    assert len(parse_bytes_many(large)) == 1


# --- many files ---------------------------------------------------------------------------------


def test_ten_thousand_small_files_in_one_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"{number:05d}.txt").write_text(tiny_page(number), "utf-8")
    db = tmp_path / "db" / "trials.json"
    result = run_trials("import", folder, db=db, workers=2, timeout=120)
    assert result.returncode == 0, result.stderr
    assert stderr_lines(result) == []
    assert result.stdout.startswith("10000 imported, 0 updated, 0 unchanged, 0 failed, "
                                    "from 10000 files")
    trial_store = TrialStore(db)
    assert len(trial_store) == 10_000
    record = trial_store.get("NCT80009999")
    assert record is not None and record["title"] == "Small trial number 9999"


# --- arguments that are not files ---------------------------------------------------------------


def test_arguments_that_give_no_file_fail_by_name(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(page("NCT92000001"), "utf-8")
    (tmp_path / "empty-folder").mkdir()
    os.symlink("loop.txt", tmp_path / "loop.txt")
    args = {
        str(tmp_path / "missing.txt"): "no such file or directory",
        str(tmp_path / "empty-folder"): "no files in this folder",
        str(tmp_path / "nothing-*.txt"): "no such file or directory",
        "/dev/null": "not a regular file",
        str(tmp_path / ("x" * 300 + ".txt")): "file name too long",
        str(tmp_path / "loop.txt"): "a symbolic link that loops",
        "~no-such-user-here/a.txt": "cannot expand ~: no such user, or no home folder",
    }
    result = run_trials("import", *args, good, db=tmp_path / "db" / "trials.json")
    assert result.returncode == 1
    assert stderr_lines(result) == [f"trials: {arg}: {why}" for arg, why in args.items()]
    assert TrialStore(tmp_path / "db" / "trials.json").ids() == ["NCT92000001"]


def test_a_file_name_with_control_characters_is_shown_safely(tmp_path: Path) -> None:
    """An escape sequence or a newline in a file's name reaches no terminal: a failed file's
    line shows them as "?", one line per file."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "bad\x1b[31mname.txt").write_text("hello")
    (folder / "new\nline.txt").write_text("hello")
    result = run_trials("import", str(folder), db=tmp_path / "db" / "trials.json")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    lines = stderr_lines(result)
    assert sorted(line.split(": ")[1] for line in lines) == [
        f"{folder}/bad?[31mname.txt", f"{folder}/new?line.txt"]


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    db = tmp_path / "db" / "trials.json"
    TrialStore(db).import_paths(sorted((ROOT / "seeds").glob("*.txt")))
    process = subprocess.Popen(trials_command("list", db=db), env=trials_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `trials list | head -0` does
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 141  # as the shell says of a command ended by SIGPIPE
    assert errors == ""
