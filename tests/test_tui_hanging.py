"""tui.hanging: the Source tab's long lines wrap under their own indentation."""

from __future__ import annotations

from rich.text import Text
from tui_helpers import plain

from tui.hanging import source_lines


def test_a_wrapped_line_stays_inside_its_block() -> None:
    # NCT02552212 at 80x24: the title's second line started at column 1
    source = ('{\n  "identificationModule": {\n    "briefTitle": "Multicenter Study Evaluating '
              'Certolizumab Pegol Compared to Placebo in Subjects With axSpA"\n  }\n}')
    lines = plain(source_lines(Text(source)), width=50).splitlines()
    assert lines[:3] == ["{", '  "identificationModule": {',
                         '    "briefTitle": "Multicenter Study Evaluating']
    start = lines.index('    "briefTitle": "Multicenter Study Evaluating')
    continued = lines[start + 1:lines.index("  }")]
    assert continued and all(line.startswith("      ") for line in continued)
    assert all(len(line) <= 50 for line in lines)
    words = " ".join(" ".join(lines).split())
    assert "Multicenter Study Evaluating Certolizumab Pegol Compared to Placebo in Subjects " \
           'With axSpA"' in words  # nothing lost


def test_a_line_indented_past_half_the_width_wraps_at_the_margin() -> None:
    line = " " * 30 + "word " * 20
    lines = plain(source_lines(Text(line)), width=40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert not lines[1].startswith(" ")
