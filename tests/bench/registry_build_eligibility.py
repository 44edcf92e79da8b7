"""Eligibility criteria, sex and ages of a registry corpus study."""
from __future__ import annotations

from .registry_draws import StudyDraws
from .registry_types import Study


def age_in_years(age: str) -> float:
    """An age such as "6 Months" in years."""
    number, unit = age.split(" ")
    return float(number) / {"Years": 1, "Months": 12, "Weeks": 52, "Days": 365}[unit]


class EligibilitySection(StudyDraws):
    """eligibilityModule, and the criteria a change adds."""

    def criterion(self, names: list[str]) -> str:
        r, p = self.rand, self.pools
        if r() < 0.5:
            text, template = p.criteria[int(r() * len(p.criteria))]
            if template:
                text = text.format(d=names[int(r() * len(names))],
                                   c=self.conditions[int(r() * len(self.conditions))])
            return text
        heads, tails = p.heads, p.tails
        return heads[int(r() * len(heads))] + tails[int(r() * len(tails))][:-1]

    def _criteria(self, count: int, names: list[str], style: str) -> list[str]:
        """Markdown criterion lines (the body of criterion(), inlined: this is a hot loop)."""
        r, p = self.rand, self.pools
        pool, heads, tails = p.criteria, p.heads, p.tails
        npool, nh, nt = len(pool), len(heads), len(tails)
        conditions = self.conditions
        numbered = style == "1."
        lines: list[str] = []
        for number in range(1, count + 1):
            bullet = f"{number}." if numbered else style
            if r() < 0.5:
                text, template = pool[int(r() * npool)]
                if template:
                    text = text.format(d=names[int(r() * len(names))],
                                       c=conditions[int(r() * len(conditions))])
            else:
                text = heads[int(r() * nh)] + tails[int(r() * nt)][:-1]
            if r() < 0.08:
                lines.append(f"{bullet} {text}, defined as any of the following:")
                sub = "*" if style != "*" else "-"
                lines.extend(f"   {sub} {self.criterion(names)}"
                             for _ in range(self.between(2, 4)))
            else:
                lines.append(f"{bullet} {text}")
        return lines

    def _eligibility(self, names: list[str]) -> Study:
        r = self.rand
        style = self.weighted(["*", "1.", "-"], [72, 94, 100])
        inclusion = self._criteria(self.heavy(6, 0.55, 1, 60), names, style)
        exclusion = self._criteria(self.heavy(8, 0.65, 1, 80), names, style)
        heading_in = "Inclusion Criteria:" if r() < 0.9 else "Key Inclusion Criteria:"
        heading_ex = "Exclusion Criteria:" if r() < 0.9 else "Key Exclusion Criteria:"
        text = f"{heading_in}\n\n" + "\n".join(inclusion) + f"\n\n{heading_ex}\n\n" + \
            "\n".join(exclusion)
        roll = r()
        minimum = (None if roll < 0.06 else "18 Years" if roll < 0.72 else
                   self.pick(["12 Years", "16 Years", "20 Years", "21 Years", "40 Years",
                              "50 Years", "65 Years", "6 Months", "2 Years", "28 Days"]))
        maximum = None if r() < 0.52 else self.pick(
            ["65 Years", "75 Years", "80 Years", "70 Years", "60 Years", "85 Years", "17 Years",
             "99 Years", "100 Years", "45 Years", "18 Years"])
        low = age_in_years(minimum) if minimum else 0.0
        high = age_in_years(maximum) if maximum else 200.0
        if high < low:
            maximum, high = None, 200.0
        module: Study = {"eligibilityCriteria": text,
                         "healthyVolunteers": r() < (0.4 if self.kind == "OBSERVATIONAL" else 0.15)}
        module["sex"] = self.weighted(["ALL", "FEMALE", "MALE"], [86, 96, 100])
        if r() < 0.02:
            module["genderBased"] = True
        if minimum:
            module["minimumAge"] = minimum
        if maximum:
            module["maximumAge"] = maximum
        std = [name for name, lo, hi in (("CHILD", 0, 17), ("ADULT", 18, 64),
                                         ("OLDER_ADULT", 65, 200)) if low <= hi and high >= lo]
        module["stdAges"] = std
        if self.kind == "OBSERVATIONAL":
            module["studyPopulation"] = self.paragraph(1, 3, self.topic)
            module["samplingMethod"] = self.pick(["NON_PROBABILITY_SAMPLE", "PROBABILITY_SAMPLE"])
        return module
