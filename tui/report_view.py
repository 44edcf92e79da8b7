"""Readable, sectioned views of a trial record, shared by `trials show` and the browser.

Every string from a trial file goes into a Text object, so it is never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from parsers import count_criteria, csv_missing_column, is_csv_row, left_out
from parsers.fields import NCT_ID

from . import format as fmt

HEADING = "bold cyan"
LABEL = "bold"

Record = dict[str, Any]
Marker = Callable[[str], Text]  # turns a string from a trial into Text (e.g. with search matches)


def plain(value: str) -> Text:
    """A string from a trial file as literal Text."""
    return Text(value)


def heading(title: str) -> Text:
    """A section heading."""
    return Text(title, style=HEADING)


def fields_grid(rows: list[tuple[str, str]], mark: Marker = plain) -> Table:
    """Label/value rows; values wrap under themselves. Rows with an unknown value are left out."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=LABEL, no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(Text(label), mark(value))
    return grid


class Indent:
    """A block indented by left cells; wrapped lines keep the indent. Unlike a Padding, its
    lines are not filled out to the full width with spaces: plain output laid out wide
    (`trials show` piped) costs nothing for it and ends no line with spaces."""

    def __init__(self, renderable: RenderableType, left: int) -> None:
        self.renderable = renderable
        self.left = left

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update_width(max(1, options.max_width - self.left))
        margin, new_line = Segment(" " * self.left), Segment.line()
        for line in console.render_lines(self.renderable, inner, pad=False):
            yield margin
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = options.update_width(max(1, options.max_width - self.left))
        measured = Measurement.get(console, inner, self.renderable)
        return Measurement(measured.minimum + self.left, measured.maximum + self.left)


def indented(renderable: RenderableType, left: int = 2) -> Indent:
    """A block indented by left cells (wrapped lines keep the indent)."""
    return Indent(renderable, left)


#: How a note among the criteria ("Other protocol-defined criteria may apply") is shown.
NOTE_STYLE = "dim italic"


def criteria_grid(criteria: list[dict[str, Any]], mark: Marker = plain) -> Table:
    """A numbered criteria tree ("4.2."), nested items indented, wrapped lines hanging; a
    note is not numbered and reads "Note: …", dim and italic."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for line in fmt.criteria_lines(criteria):
        if line.note:  # "Note:" where a number would be: no criterion's continuation
            label, said = ("Note:", line.text[6:]) if line.text.startswith("Note: ") else (
                "", line.text)
            text = mark(said)
            text.style = NOTE_STYLE
            grid.add_row(Text("   " * line.depth + label, style=NOTE_STYLE), text)
        else:
            grid.add_row(Text("   " * line.depth + line.number + "."), mark(line.text))
    return grid


def overview_fields(record: Record) -> list[tuple[str, str]]:
    """The overview's label/value rows, humanised."""
    rows = [
        ("Official title", record.get("official_title") or ""),
        ("Acronym", record.get("acronym") or ""),
        ("Sponsor", record.get("sponsor") or ""),
        ("Organization", record.get("organization") or ""),
        ("Status", fmt.enum_text(record.get("status"))),
        ("Why stopped", record.get("why_stopped") or ""),
        ("Phase", fmt.phases_text(record["phases"])),
        ("Study type", fmt.enum_text(record.get("study_type"))),
        ("Patient registry", fmt.registry_text(record.get("patient_registry"),
                                               record.get("target_duration"))),
        ("Expanded access", _expanded_access(record)),
        ("Conditions", fmt.joined(record["conditions"])),
        ("Keywords", fmt.joined(record["keywords"])),
        ("Enrollment", fmt.enrollment_text(record.get("enrollment"))),
        ("Groups", _number(record.get("group_count"))),
        ("Locations", _number(record.get("locations_count"))),
        ("Removed countries", fmt.removed_countries_text(record.get("removed_countries"))),
        ("NCT id", record.get("nct_id") or ""),
        ("Other ids", fmt.other_ids_text([i for i in record["other_ids"]
                                          if not NCT_ID.fullmatch(i)],
                                         record.get("secondary_id_details"))),
        ("Old NCT ids", "; ".join(i for i in record["other_ids"] if NCT_ID.fullmatch(i))),
        ("Funder types", ", ".join(fmt.enum_text(f) for f in record["funder_types"])),
        ("Results posted", fmt.yes_no(record.get("has_results"))),
        ("Last known status", fmt.enum_text(record.get("last_known_status"))),
        ("Responsible party", fmt.responsible_party_text(record.get("responsible_party"))),
        ("Oversight", fmt.oversight_text(record.get("oversight"))),
    ]
    rows += [(label, fmt.date_text(record["dates"].get(key))) for key, label in
             fmt.DATE_LABELS.items()]
    return rows


def _expanded_access(record: Record) -> str:
    """An expanded access record's kinds of access; another study's offer of its drug through
    expanded access (an expanded access record's own hasExpandedAccess says nothing)."""
    kinds = fmt.expanded_access_text(record.get("expanded_access_types"))
    if record.get("study_type") == "EXPANDED_ACCESS":
        return kinds
    offer = fmt.expanded_access_offer_text(record.get("expanded_access"))
    return "; ".join(text for text in (kinds, offer) if text)


def design_fields(record: Record) -> list[tuple[str, str]]:
    """The trial design's label/value rows, humanised."""
    design = record["design"]
    observed = record.get("observational") or {}
    return [
        ("Primary purpose", fmt.enum_text(design["primary_purpose"])),
        ("Allocation", fmt.enum_text(design["allocation"])),
        ("Intervention model", fmt.enum_text(design["intervention_model"])),
        ("Model description", design.get("model_description") or ""),
        ("Masking", fmt.enum_text(design["masking"])),
        ("Who is masked", fmt.masked_text(design.get("masked"))),
        ("Masking description", design.get("masking_description") or ""),
        ("Observational model", fmt.enum_text(observed.get("model"))),
        ("Time perspective", fmt.enum_text(observed.get("time_perspective"))),
        ("Sampling", fmt.enum_text(observed.get("sampling_method"))),
        ("Study population", observed.get("study_population") or ""),
        ("Biospecimens", fmt.biospec_text(record.get("biospec"))),
    ]


def _number(value: int | None) -> str:
    """A count with thousands separators ("1,112"); "" when unknown."""
    return "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def title_line(record: Record, mark: Marker = plain) -> Text:
    """The id and title, for the top of a view."""
    text = mark(record["id"])
    text.stylize("bold yellow")
    text.append("  ")
    title = mark(record["title"])
    title.stylize("bold")
    text.append_text(title)
    return text


def overview_view(record: Record, mark: Marker = plain,
                  people: Sequence[RenderableType] = ()) -> Group:
    """Every overview field, then `people` (registry_people_view.overview passes the
    collaborators, officials, central contacts and MeSH terms), the summary, the description
    and the parser's warnings."""
    parts: list[RenderableType] = [
        title_line(record, mark), Text(), fields_grid(overview_fields(record), mark),
    ]
    parts += people
    design = design_fields(record)
    if any(value for _, value in design):
        parts += [Text(), heading("Design"), indented(fields_grid(design))]
    documents = record.get("documents") or []
    if documents:
        parts += [Text(), heading(f"Documents ({len(documents)})")]
        for document in documents:
            parts.append(indented(Text("• ").append_text(mark(fmt.document_text(document)))))
            if document.get("url"):
                parts.append(indented(Text(document["url"], style="dim"), 4))
    for title, key in (("Summary", "summary"), ("Description", "description")):
        if record.get(key):
            parts += [Text(), heading(title), indented(mark(record[key]))]
    if record["warnings"]:
        parts += [Text(), heading(f"Parser warnings ({len(record['warnings'])})")]
        parts += [indented(Text(f"! {w}", style="yellow")) for w in record["warnings"]]
    source = record["source"]
    parts += [
        Text(),
        heading("Source"),
        indented(fields_grid([
            ("File", source.get("path") or ""),
            ("Format", source.get("format") or ""),
            ("Imported", source.get("imported_at") or ""),
        ])),
    ]
    return Group(*parts)


def arms_view(record: Record, mark: Marker = plain) -> Group:
    """Each arm (label, type, description, interventions), then the interventions list."""
    # no count where the source does not say (a CSV row, a partial study without them)
    unknown = is_csv_row(record) or left_out(record, "arms")
    arms = "Arms" if unknown and not record["arms"] else f"Arms ({len(record['arms'])})"
    parts: list[RenderableType] = [heading(arms)]
    if not record["arms"]:
        none = (f"Arms are {fmt.NOT_IN_CSV} (import the study's JSON to read them)."
                if is_csv_row(record) else fmt.left_out_text("arms and interventions")
                if left_out(record, "arms") else "The source lists no arms.")
        parts.append(indented(Text(none, style="dim")))
    for arm in record["arms"]:
        label = mark(arm["label"])
        label.stylize(LABEL)
        if arm.get("type"):
            label.append(f"  {fmt.enum_text(arm['type'])}", style="italic magenta")
        parts.append(indented(label))
        if arm.get("description"):
            parts.append(indented(mark(arm["description"]), 4))
        for intervention in arm["interventions"]:
            parts.append(indented(Text("→ ").append_text(mark(intervention)), 4))
        parts.append(Text())
    parts.append(heading("Interventions" if unknown and not record["interventions"]
                         else f"Interventions ({len(record['interventions'])})"))
    if not record["interventions"]:
        none = (fmt.NOT_IN_SOURCE if left_out(record, "arms")
                else "The source lists no interventions.")
        parts.append(indented(Text(none, style="dim")))
    for intervention in record["interventions"]:
        parts.append(indented(Text("• ").append_text(mark(fmt.intervention_text(intervention)))))
        others = [name for name in intervention.get("other_names") or () if name]
        if others:
            line = Text("Other names: ", style="italic cyan")
            parts.append(indented(line.append_text(mark("; ".join(others))), 4))
        if intervention.get("description"):
            parts.append(indented(mark(intervention["description"]), 4))
    return Group(*parts)


def eligibility_fields(record: Record) -> list[tuple[str, str]]:
    """Sex (and whether eligibility is by gender), ages and healthy volunteers as (label,
    value); a value the source left out reads as unknown (not in the CSV download or file, not
    in a partial study's source), not as "not stated"."""
    eligibility = record["eligibility"]
    unknown = (fmt.NOT_IN_CSV if is_csv_row(record)
               else fmt.NOT_IN_SOURCE if left_out(record, "eligibility") else "not stated")

    def unstated(field: str) -> str:
        """A field the record does not state: unknown where its source left it out."""
        return fmt.NOT_IN_SOURCE if left_out(record, field) else unknown

    # a column this CSV file left out (the site's download has it)
    no_sex = csv_missing_column(record, "Sex", "Gender")
    no_age = csv_missing_column(record, "Age")
    return [
        ("Sex", fmt.enum_text(eligibility["sex"])
         or (fmt.not_in_file(no_sex) if no_sex else unstated("sex"))),
        ("Gender-based", fmt.gender_based_text(eligibility.get("gender_based"))),
        ("Gender eligibility", eligibility.get("gender_description") or ""),
        ("Ages", fmt.ages_text(eligibility["min_age"], eligibility["max_age"])
         or ("" if record.get("age_groups")
             else fmt.not_in_file(no_age) if no_age else unstated("ages"))),
        ("Age groups", ", ".join(fmt.enum_text(group)
                                 for group in record.get("age_groups") or [])),
        ("Healthy volunteers",
         fmt.yes_no(eligibility["healthy_volunteers"]) or unstated("healthy_volunteers")),
    ]


def criteria_unknown(record: Record) -> bool:
    """Whether the record's source holds no criteria to read (a CSV row, a partial study):
    an empty list is then unknown, not none, and carries no count."""
    return is_csv_row(record) or left_out(record, "eligibility") or left_out(record, "criteria")


def eligibility_view(record: Record, mark: Marker = plain) -> Group:
    """Sex (and whether eligibility is by gender), ages, healthy volunteers, then the
    inclusion and exclusion criteria trees."""
    eligibility = record["eligibility"]
    summary = is_csv_row(record)
    parts: list[RenderableType] = [heading("Eligibility"),
                                   indented(fields_grid(eligibility_fields(record)))]
    for title, key in (("Inclusion criteria", "inclusion"), ("Exclusion criteria", "exclusion")):
        criteria = eligibility[key]
        counted = fmt.criteria_count(criteria, count_criteria(criteria))
        uncounted = not criteria and criteria_unknown(record)  # unknown: no count
        parts += [Text(), heading(title if uncounted else f"{title} ({counted})")]
        if criteria:
            parts.append(indented(criteria_grid(criteria, mark)))
        else:
            parts.append(indented(Text(
                f"{fmt.NOT_IN_CSV} (import the study's JSON to read them)"
                if summary else fmt.NOT_IN_SOURCE if criteria_unknown(record)
                else "none stated",
                style="dim")))
    return Group(*parts)
