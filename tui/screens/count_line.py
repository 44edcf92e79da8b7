"""The count line above the list: "281,871 of 600,000 trials  matching heart failure", its
filters, sort and a saved search's news, and how much of a long list is listed, fitted to its
width: what matters least gives way first, and what was searched stays."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text

ELLIPSIS = "…"
#: Cells of the query's words kept when they must be cut (the ellipsis included): fewer would
#: no longer say what was searched.
QUERY_KEPT = 10
NOTHING = Text("")


class Echo(NamedTuple):
    """The query on the count line: "  matching " + "heart failure", or, for the hint,
    "  did you mean " + "ms OR nmo" + "? 12 trials". Only the words are ever cut."""

    before: Text
    words: Text
    after: Text = NOTHING
    #: shorter forms, tried in turn before the words are cut: for the hint, whose words are
    #: a query to type ("  try ms OR nmo?"), never cut
    shorter: tuple[Text, ...] = ()

    def whole(self) -> Text:
        return Text.assemble(self.before, self.words, self.after)

    def cut(self, room: int) -> Text:
        """The echo in room cells if it can be: a shorter form, else its words cut, an
        ellipsis saying so, but at least QUERY_KEPT cells of them kept (a form without words
        to cut: the shortest)."""
        for form in self.shorter:
            if form.cell_len <= room:
                return form
        if self.shorter:
            return self.shorter[-1]
        words = self.words
        keep = max(room - self.before.cell_len - self.after.cell_len, QUERY_KEPT)
        if words.cell_len > keep:
            words = words.copy()
            words.truncate(keep - 1)
            words.rstrip()
            words.append(ELLIPSIS)
        return Text.assemble(self.before, words, self.after)


NO_ECHO = Echo(NOTHING, NOTHING)


class Part(NamedTuple):
    """A part of the count line after the query: its long, short and shortest forms."""

    long: Text = NOTHING
    short: Text = NOTHING
    shortest: Text | None = None  # (None: the short form)

    def form(self, index: int) -> Text:
        """0 long, 1 short, 2 shortest, 3 left out."""
        shortest = self.short if self.shortest is None else self.shortest
        return (self.long, self.short, shortest, NOTHING)[index]


NO_PART = Part()
SHORT, SHORTEST, LEFT_OUT = 1, 2, 3

#: What gives way, in turn, while the line is too long: a part to a shorter form or left out,
#: or the query's words cut ("query").
STEPS: tuple[tuple[str, int] | str, ...] = (
    ("note", SHORT), ("note", LEFT_OUT),  # "(2,000 listed)", then nothing: the list shows it
    ("filters", SHORT),  # "[2 filters]": the panel (f) names them
    ("sort", SHORT), ("news", SHORT),  # "sorted by enrollment ↓", "· 3 new, 5 changed"
    ("sort", SHORTEST),  # "by enrollment ↓"
    "query",
    ("sort", LEFT_OUT), ("news", LEFT_OUT),  # (the list's order and marks still show them)
)


class CountLine(NamedTuple):
    """The parts of the count line: "281,871 of 600,000 trials", the query, the filters, the
    sort, a saved search's news and the note of a list listed in part (each in a long and a
    short form)."""

    counted: Text  # (not "count": a tuple has a method of that name)
    echo: Echo = NO_ECHO
    filters: Part = NO_PART  # "  [status: Completed; phase: Phase 2]", "  [2 filters]"
    #: "  sorted by enrollment (descending)", "  sorted by enrollment ↓", "  by enrollment ↓"
    sort: Part = NO_PART
    news: Part = NO_PART  # "  · 3 new since you last looked", "  · 3 new"
    note: Part = NO_PART  # "  (2,000 listed; more as you scroll)", "  (2,000 listed)"

    def fitted(self, width: int, *, searching: bool = False) -> Text:
        """The most complete line that fits in width cells (width 0: not laid out yet, the
        whole line). What matters least gives way first (STEPS): the note, the filters named,
        the sort and news in long; then the query's words are cut with "…"; then the sort and
        the news go. The query itself stays (a count without what it counts says little):
        only when even its cut words do not fit is the line cut at its end."""
        tail = Text("  searching…", style="italic") if searching else NOTHING
        forms = {"filters": 0, "sort": 0, "news": 0, "note": 0}
        cut = False

        def line() -> Text:
            parts = [part.form(forms[name])
                     for name, part in (("filters", self.filters), ("sort", self.sort),
                                        ("news", self.news), ("note", self.note))]
            others = Text.assemble(self.counted, *parts, tail)
            echo = self.echo.cut(width - others.cell_len) if cut else self.echo.whole()
            return Text.assemble(self.counted, echo, *parts, tail)

        shown = line()
        if width <= 0:
            return shown
        for step in STEPS:
            if shown.cell_len <= width:
                return shown
            if isinstance(step, str):  # "query"
                cut = True
            else:
                name, form = step
                forms[name] = form
            shown = line()
        shown.truncate(width, overflow="ellipsis")
        return shown
