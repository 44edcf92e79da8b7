"""The site CSV's text cells: Markdown escapes, HTML character references, a "|" inside an
intervention's name. Rows modelled on real downloads (the NCT ids name them)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from parsers import parse_text, parse_text_many
from parsers.clean import decode_references
from parsers.record import empty_record
from tui.export_csv import write_csv

NCT = "NCT01234567"


def parse_cells(**cells: str) -> dict[str, Any]:
    """One row of the given columns (underscores for spaces) after NCT Number."""
    columns = ["NCT Number", *(name.replace("_", " ") for name in cells)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerow([NCT, *cells.values()])
    return parse_text(buffer.getvalue(), "ctg-studies.csv")


def outcome(measure: str, description: str | None, time_frame: str | None) -> dict[str, Any]:
    return {"measure": measure, "description": description, "time_frame": time_frame}


# --- Markdown escapes ------------------------------------------------------------------------


def test_outcome_descriptions_lose_their_markdown_escapes() -> None:
    """NCT02492386 and NCT04341025 (Marc-Morcos/…Urology…), NCT00853112 (aliza0811/…)."""
    record = parse_cells(
        Primary_Outcome_Measures=(
            "CT angiographic binary restenosis, Binary restenosis is defined as \\>=50% lumen "
            "diameter stenosis, 6 months|PVRI, PVRI (in Wood units\\*meter\\^2 \\[m\\^2\\]) = "
            "PVR multiplied by BSA., 4 hours"
        ),
        Other_Outcome_Measures=(
            "Patient Satisfaction, (adapted from Hurst \\& Bolton, 2004). This is a single "
            "self-report question\\~, Change from baseline to immediately post treatment (6 weeks)"
        ),
    )
    assert record["outcomes"]["primary"] == [
        outcome(
            "CT angiographic binary restenosis",
            "Binary restenosis is defined as >=50% lumen diameter stenosis",
            "6 months",
        ),
        outcome("PVRI", "PVRI (in Wood units*meter^2 [m^2]) = PVR multiplied by BSA.", "4 hours"),
    ]
    assert record["outcomes"]["other"] == [
        outcome(
            "Patient Satisfaction",
            "(adapted from Hurst & Bolton, 2004). This is a single self-report question~",
            "Change from baseline to immediately post treatment (6 weeks)",
        )
    ]
    assert record["warnings"] == []


def test_outcome_measures_and_time_frames_lose_them_too() -> None:
    """NCT04972890 (Marc-Morcos/…Urology…): the escapes in every part of an outcome (the
    lower-case part after the measure is read as its description, as a part so written most
    often is in the registry's records)."""
    record = parse_cells(
        Secondary_Outcome_Measures=(
            "Changes in Hba1c after stem cells injection, using blood sample \\[numeric scale "
            "in %\\], The evaluation will be completed at baseline and 3rd month|"
            "Score \\[0-25\\], Week 12 \\(end\\)"
        )
    )
    assert record["outcomes"]["secondary"] == [
        outcome(
            "Changes in Hba1c after stem cells injection",
            "using blood sample [numeric scale in %]",
            "The evaluation will be completed at baseline and 3rd month",
        ),
        outcome("Score [0-25]", None, "Week 12 (end)"),
    ]


def test_the_split_is_made_on_the_text_as_the_site_writes_it() -> None:
    """NCT01212328 (aliza0811/…): unescaped before the split, "< 70 mg/dl …" would read as a
    time frame ("< 24 hours")."""
    cell = (
        "Single risk factor control, 3. LDL-cholesterol \\< 100 mg/dl, \\< 70 mg/dl for those "
        "with history of CVD event), 42 months after randomization"
    )
    [found] = parse_cells(Secondary_Outcome_Measures=cell)["outcomes"]["secondary"]
    assert found == outcome(
        "Single risk factor control",
        "3. LDL-cholesterol < 100 mg/dl, < 70 mg/dl for those with history of CVD event)",
        "42 months after randomization",
    )


def test_summary_loses_its_markdown_escapes_and_keeps_its_lines() -> None:
    """NCT05716139 and NCT05767229 (aliza0811/…)."""
    summary = (
        "The goal of this\\[ type of study: randomized controlled trial\\]is to compare.\n\n"
        "The main question\\[s\\] it aims to answer is\n\n"
        "• Does HVPG \\>10 mmHg\\~ matter? 1\\. Yes \\\\ no"
    )
    record = parse_cells(Brief_Summary=summary)
    assert record["summary"] == (
        "The goal of this[ type of study: randomized controlled trial]is to compare.\n\n"
        "The main question[s] it aims to answer is\n\n"
        "• Does HVPG >10 mmHg~ matter? 1. Yes \\ no"
    )


def test_plain_text_cells_keep_their_backslashes() -> None:
    """The site writes titles, conditions, sponsors bare ("[", "*" unescaped): a backslash
    there is the text's own; in a multi-valued cell "\\|" and "\\\\" stay `trials export`'s."""
    record = parse_cells(
        Study_Title="Score \\> 5 \\[x\\]", Sponsor="A\\*B", Conditions="C:\\temp|x\\*y|p\\|q"
    )
    assert record["title"] == "Score \\> 5 \\[x\\]"
    assert record["sponsor"] == "A\\*B"
    assert record["conditions"] == ["C:\\temp", "x\\*y", "p|q"]


def test_outcomes_with_backslashes_and_pipes_survive_an_export_and_re_import() -> None:
    """`trials export` writes "\\\\" and "\\|" in an outcome cell; a record's own backslash
    before punctuation comes back as it was."""
    record = empty_record()
    record.update(id=NCT, nct_id=NCT, title="T")
    record["outcomes"]["primary"] = [
        outcome("Ratio a\\>b | c", "Defined as \\[x\\] \\\\ y.", "Week 1"),
        outcome("End \\", None, "Day 2"),
    ]
    buffer = io.StringIO(newline="")
    write_csv([record], buffer)
    assert "Ratio a\\\\>b \\| c" in buffer.getvalue()
    [back] = parse_text_many(buffer.getvalue(), "export.csv")
    assert back.record["outcomes"]["primary"] == record["outcomes"]["primary"]
    assert back.record["warnings"] == []


# --- HTML character references ---------------------------------------------------------------


def test_conditions_titles_and_collaborators_are_decoded() -> None:
    """NCT07142278, NCT06597942, NCT06706947, NCT07075952 (Marcuselis/Alzheimer),
    NCT02303158 and NCT06621758 (sammijiyoung2/…)."""
    record = parse_cells(
        Study_Title="Protein Biomarkers and Alzheimer&Apos;s Disease in Patients With Depression",
        Conditions=(
            "Preclinical Alzheimer&#39;s Disease|Alzheimer&Amp;Amp;#39;s Disease|"
            "Alzheimer&amp;#39;s Disease (AD)|Obesity &Amp; Overweight|Alzheimer&#39;s Disease"
        ),
        Collaborators=(
            "Toulouse University Hospital, Department of Geriatric &amp; Internal Medicine, "
            "France|Texas A&M University"
        ),
    )
    assert record["title"] == (
        "Protein Biomarkers and Alzheimer's Disease in Patients With Depression"
    )
    assert record["conditions"] == [
        "Preclinical Alzheimer's Disease",
        "Alzheimer's Disease",
        "Alzheimer's Disease (AD)",
        "Obesity & Overweight",
    ]
    assert record["collaborators"] == [
        "Toulouse University Hospital, Department of Geriatric & Internal Medicine, France",
        "Texas A&M University",
    ]
    assert record["warnings"] == []


def test_locations_and_outcomes_are_decoded_after_the_split() -> None:
    """NCT06521710 (Marc-Morcos/…): "l&#39;île"; NCT06605508: "participants\\&#39;" (a
    Markdown escape, then a reference). A decoded "," or "|" splits nothing."""
    record = parse_cells(
        Locations=(
            "Jewish General Hospital, CIUSSS Centre-Ouest de l&#39;île de Montréal, Montreal, "
            "Quebec, H3T 1E2, Canada|Centre&#44; Nord, Paris, 75010, France"
        ),
        Primary_Outcome_Measures=(
            "Change in IIEF Score, The impact on participants\\&#39; sexual health&#124;life., "
            "12 weeks"
        ),
    )
    assert [(loc["facility"], loc["city"], loc["zip"]) for loc in record["locations"]] == [
        ("Jewish General Hospital, CIUSSS Centre-Ouest de l'île de Montréal", "Montreal",
         "H3T 1E2"),
        ("Centre, Nord", "Paris", "75010"),
    ]  # fmt: skip
    assert record["locations_count"] == 2
    assert record["outcomes"]["primary"] == [
        outcome("Change in IIEF Score", "The impact on participants' sexual health|life.",
                "12 weeks"),
    ]  # fmt: skip


def test_a_decoded_pipe_splits_no_list() -> None:
    record = parse_cells(
        Conditions="Pain &#124; chronic|Back", Interventions="DRUG: A &#x7C; B|DEVICE: C"
    )
    assert record["conditions"] == ["Pain | chronic", "Back"]
    assert [(i["type"], i["name"]) for i in record["interventions"]] == [
        ("DRUG", "A | B"), ("DEVICE", "C"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        ("Alzheimer&#39;s", "Alzheimer's"),
        ("Alzheimer&#x27;s", "Alzheimer's"),
        ("Alzheimer&Apos;s", "Alzheimer's"),
        ("Alzheimer&APOS;s", "Alzheimer's"),
        ("A &AMP; B &lt;5 &GT;2 &eacute;", "A & B <5 >2 é"),
        ("&Amp;Amp;#39;", "'"),
        ("&Delta; &delta;", "Δ δ"),  # a name HTML knows in this case is read as it is
        # no ";", or no name HTML knows: as written
        ("R&D, AT&T, Texas A&M, FD&C Blue # 2", "R&D, AT&T, Texas A&M, FD&C Blue # 2"),
        ("Q&notes &amp &copy &#39 &nosuch; & ;", "Q&notes &amp &copy &#39 &nosuch; & ;"),
        ("R&amp;D", "R&D"),
        ("bidi&#x202e; gone&#27;", "bidi gone"),  # decoded text is cleaned as the file was
    ],
)
def test_decode_entities(text: str, decoded: str) -> None:
    # as the CSV parser decodes a cell (a reference to a control dropped)
    assert decode_references(text, keep_unprintable=False) == decoded


def test_entities_are_decoded_in_the_classic_export() -> None:
    text = (
        "Rank\tNCT Number\tTitle\tSponsor/Collaborators\tOutcome Measures\tLocations\n"
        "1\tNCT04326790\tAlzheimer&#39;s\tR&amp;D Inc|AT&T\tWHO R&D scale&#39;s\t"
        "St. Joseph&#39;s Hospital, Phoenix, Arizona, United States\n"
    )
    record = parse_text(text, "SearchResults.tsv")
    assert record["title"] == "Alzheimer's"
    assert (record["sponsor"], record["collaborators"]) == ("R&D Inc", ["AT&T"])
    assert record["outcomes"]["other"][0]["measure"] == "WHO R&D scale's"
    assert record["locations"][0]["facility"] == "St. Joseph's Hospital"


# --- a "|" inside an intervention's name ------------------------------------------------------


def test_a_pipe_inside_an_intervention_name_is_joined_back() -> None:
    """NCT04295889 (sammijiyoung2/…): the site does not escape the "|" of a name."""
    record = parse_cells(
        Interventions=(
            "DIAGNOSTIC_TEST: Approach A (PeeSpot urine collection device).|"
            "DIAGNOSTIC_TEST: Approach B (ACR | EU Test kit)."
        )
    )
    assert [(i["type"], i["name"]) for i in record["interventions"]] == [
        ("DIAGNOSTIC_TEST", "Approach A (PeeSpot urine collection device)."),
        ("DIAGNOSTIC_TEST", "Approach B (ACR | EU Test kit)."),
    ]
    assert record["warnings"] == []


@pytest.mark.parametrize(
    ("cell", "interventions", "warned"),
    [
        ("DRUG: A|B|C|DEVICE: D", [("DRUG", "A|B|C"), ("DEVICE", "D")], []),
        ("DRUG: A | B|MAGIC: C|Drug: D", [("DRUG", "A | B|MAGIC: C"), ("DRUG", "D")], []),
        ("DRUG: A \\| B|C", [("DRUG", "A | B|C")], []),  # `trials export`'s escape too
        ("DRUG: A||B|", [("DRUG", "A|B")], []),  # a blank piece dropped, as in every list
        (
            "X|Y|DRUG: A|Z",
            [(None, "X"), (None, "Y"), ("DRUG", "A|Z")],
            ["'X'", "'Y'"],
        ),
    ],
)
def test_untyped_pieces_after_a_typed_one(
    cell: str, interventions: list[tuple[str | None, str]], warned: list[str]
) -> None:
    record = parse_cells(Interventions=cell)
    assert [(i["type"], i["name"]) for i in record["interventions"]] == interventions
    assert record["warnings"] == [
        f"Interventions: no known intervention type in {name}" for name in warned
    ]
