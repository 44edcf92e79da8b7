"""The export dialog: choose CSV, JSON or Markdown and a file name; enter writes, escape cancels."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from ..export_formats import FORMAT_NAMES, FORMATS, SUFFIXES, format_about
from .filters import describe

SLUG_LENGTH = 40


@dataclass(frozen=True)
class ExportJob:
    """What to export: the trials (ids in order, or the records themselves) and how to name it."""

    what: str  # for the dialog: "12 trials matching stem"
    slug: str  # for the default file name
    title: str  # the Markdown report's title
    ids: tuple[str, ...]
    comparison: bool = False
    records: tuple[dict[str, Any], ...] | None = None


@dataclass(frozen=True)
class ExportRequest:
    """The user's choice: a format and an absolute path."""

    file_format: str
    path: Path


def results_job(ids: tuple[str, ...], query: str, filters: dict[str, frozenset[str]]) -> ExportJob:
    """The export of a search's results: its words and filters name the dialog, file and title."""
    query = query.strip()
    shown = describe(filters)
    noun = "trial" if len(ids) == 1 else "trials"
    count = f"{len(ids):,}"
    if query:
        what, title = f"{count} {noun} matching {query}", f"Trials matching {query}"
    elif shown:
        what, title = f"{count} {noun}", "Trials"
    else:
        what, title = f"all {count} {noun}", "All trials"
    if shown:
        what, title = f"{what} [{shown}]", f"{title} [{shown}]"
    values = " ".join(value for _, chosen in sorted(filters.items()) for value in sorted(chosen))
    return ExportJob(what=what, slug=slug(f"{query} {values}"), title=f"{title} ({count})",
                     ids=ids)


def comparison_job(records: list[dict[str, Any]]) -> ExportJob:
    """The export of a comparison: the compared trials, in their columns' order."""
    ids = tuple(record["id"] for record in records)
    named = slug("compare " + " ".join(ids))
    if len(named) < len(slug("compare " + " ".join(ids), limit=None)):  # an id would be cut
        named = slug(f"compare {ids[0]} and {len(ids) - 1} more")
    return ExportJob(what=f"the comparison of {len(ids)} trials", slug=named,
                     title="Comparison", ids=ids, comparison=True, records=tuple(records))


def slug(text: str, limit: int | None = SLUG_LENGTH) -> str:
    """A file-name-safe slug: "Stem cell, phase:2" → "stem-cell-phase-2" ("" when none), at
    most limit characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    return words[:limit].rstrip("-")


def default_path(job_slug: str, file_format: str, now: datetime | None = None) -> Path:
    """trials-<slug>-<YYYYMMDD-HHMMSS>.<format> in the current working directory."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"trials-{job_slug or 'all'}-{stamp}.{file_format}"


class FormatButton(RadioButton):
    """A format's radio button whose dot shows only when chosen ("▐●▌" and "▐ ▌"), so the
    choice shows without colour (NO_COLOR), where every dot looked chosen."""

    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value:
            return button
        # the same cells and styles, the dot left out (one cell for one)
        return Content(button.plain.replace(self.BUTTON_INNER, " "), list(button.spans))


class FormatChoice(RadioSet):
    """The formats side by side: arrows pick one at once, enter writes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "step(1)", "Next format", show=False),
        Binding("up,left", "step(-1)", "Previous format", show=False),
        Binding("enter", "screen.write", "Write", show=False),
    ]

    def action_step(self, direction: int) -> None:
        """Highlight and choose the next (1) or previous (-1) format."""
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Choose the format and the file; enter writes, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+q", "app.quit_app", "Quit", show=False, priority=True),
    ]

    def __init__(self, job: ExportJob, file_format: str = "csv") -> None:
        super().__init__()
        self.job = job
        self.file_format = file_format

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(Text(f"Export {self.job.what}", style="bold"), id="export-title")
            yield FormatChoice(
                *(FormatButton(FORMAT_NAMES[name], value=name == self.file_format, id=name)
                  for name in FORMATS),
                id="export-format", compact=True,
            )
            yield Label(self._about(), id="export-about")
            yield Input(str(default_path(self.job.slug, self.file_format)), id="export-path",
                        select_on_focus=False)
            yield Label(Text("←/→ format · tab: file name · enter writes · escape cancels",
                             style="dim"), id="export-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(FormatChoice))

    def _about(self) -> Text:
        """What the chosen format holds."""
        return Text(format_about(self.file_format, self.job.comparison), style="dim")

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        """A new format: the file name's extension follows it."""
        self.file_format = event.pressed.id or self.file_format
        self.query_one("#export-about", Label).update(self._about())
        field = self.path_input
        path = Path(field.value)
        if path.suffix.lower() in SUFFIXES:
            at_end = field.cursor_position >= len(field.value)
            field.value = str(path.with_suffix(f".{self.file_format}"))
            if at_end:  # (else it would sit inside the new extension: "x.jso|n")
                field.cursor_position = len(field.value)

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        """Close with the chosen format and path (relative paths: from the working folder)."""
        text = self.path_input.value.strip()
        if not text:
            hint = self.query_one("#export-hint", Label)
            hint.update(Text("Type a file name (escape cancels).", style="bold"))
            self.set_focus(self.path_input)
            return
        path = Path(text).expanduser()
        self.dismiss(ExportRequest(self.file_format, path if path.is_absolute()
                                   else Path.cwd() / path))

    def action_cancel(self) -> None:
        self.dismiss(None)
