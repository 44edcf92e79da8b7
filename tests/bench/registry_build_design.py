"""Description, conditions, design, arms, interventions and outcomes of a registry corpus study."""
from __future__ import annotations

from .registry_draws import StudyDraws
from .registry_pools import accumulate
from .registry_types import Study
from .registry_vocab_text import DESIGN_WORDS, PHRASES_KEY, SECTION_HEADINGS, SUMMARY_LEADS

_PHASES = [(["NA"], 51.3), (["EARLY_PHASE1"], 1.4), (["PHASE1"], 11.6),
           (["PHASE1", "PHASE2"], 3.2), (["PHASE2"], 16.5), (["PHASE2", "PHASE3"], 1.7),
           (["PHASE3"], 8.7), (["PHASE4"], 7.8)]
_PHASE_CUM = list(accumulate(w for _, w in _PHASES))
_ITYPES = [("DRUG", "Drug", 35), ("OTHER", "Other", 20), ("DEVICE", "Device", 12.5),
           ("BEHAVIORAL", "Behavioral", 10.6), ("PROCEDURE", "Procedure", 10),
           ("BIOLOGICAL", "Biological", 5), ("DIETARY_SUPPLEMENT", "Dietary Supplement", 3),
           ("DIAGNOSTIC_TEST", "Diagnostic Test", 2), ("RADIATION", "Radiation", 1.5),
           ("GENETIC", "Genetic", 0.3), ("COMBINATION_PRODUCT", "Combination Product", 0.3)]
_ITYPE_CUM = list(accumulate(w for *_, w in _ITYPES))
_ITYPE_WORDS = {enum: word for enum, word, _ in _ITYPES}


class DesignSection(StudyDraws):
    """The description, conditions, design, armsInterventions and outcomes modules."""

    def _description(self, names: list[str]) -> Study:
        r, p = self.rand, self.pools
        lead = self.pick(SUMMARY_LEADS).format(
            t=names[0], t2=names[-1], c=self.conditions[0], w=self.pick(p.top_words),
            d1=self.pick(DESIGN_WORDS).lower())
        summary = [lead + " " + self.paragraph(1, 5, self.topic)]
        for _ in range(self.weighted([0, 1, 2], [60, 90, 100])):
            summary.append(self.paragraph(1, 4, self.topic))
        module: Study = {"briefSummary": "\n\n".join(summary)}
        if r() < 0.55:
            count = self.heavy(3.2, 0.85, 1, 40)
            parts = []
            for _ in range(count):
                if r() < 0.15:
                    parts.append("\n".join(f"* {s[:-1]}" for s in self.sentences(
                        self.between(2, 6), self.topic)))
                elif r() < 0.1:
                    parts.append(f"{self.pick(SECTION_HEADINGS)}:")
                else:
                    parts.append(self.paragraph(2, 7, self.topic))
            module["detailedDescription"] = "\n\n".join(parts)
        return module

    def _conditions_module(self) -> Study:
        module: Study = {"conditions": self.conditions}
        if self.rand() < 0.58:
            count = self.weighted([1, 2, 3, 4, 5, 6, 8, 10], [10, 25, 45, 62, 75, 85, 95, 100])
            words = self.pools.words
            seen: dict[str, None] = {}
            for _ in range(count):
                roll = self.rand()
                if roll < 0.5:
                    seen[self.pick(words)] = None
                elif roll < 0.8:
                    seen[self.pick(self.topic)] = None
                else:
                    seen[self.pick(PHRASES_KEY)] = None
            module["keywords"] = list(seen)
        return module

    def _design(self) -> Study:
        r = self.rand
        kind = self.kind
        module: Study = {"studyType": kind}
        if kind == "EXPANDED_ACCESS":
            module["expandedAccessTypes"] = {"individual": r() < 0.6, "intermediate": r() < 0.3,
                                             "treatment": r() < 0.3}
            return module
        if kind == "OBSERVATIONAL":
            module["patientRegistry"] = r() < 0.12
            module["designInfo"] = {
                "observationalModel": self.weighted(
                    ["COHORT", "CASE_ONLY", "CASE_CONTROL", "DEFINED_POPULATION", "OTHER",
                     "CASE_CROSSOVER", "ECOLOGIC_OR_COMMUNITY", "FAMILY_BASED"],
                    [60, 72, 83, 88, 96, 97, 98.5, 100]),
                "timePerspective": self.weighted(
                    ["PROSPECTIVE", "RETROSPECTIVE", "CROSS_SECTIONAL", "OTHER"],
                    [62, 85, 95, 100]),
            }
            if r() < 0.08:
                module["targetDuration"] = f"{self.between(1, 36)} Months"
        else:
            phases = self.weighted([ph for ph, _ in _PHASES], _PHASE_CUM)
            if any(i["type"] in ("DRUG", "BIOLOGICAL") for i in self.interventions):
                if phases == ["NA"] and r() < 0.8:
                    phases = self.weighted([ph for ph, _ in _PHASES[1:]], _PHASE_CUM[1:])
            elif phases != ["NA"] and r() < 0.7:
                phases = ["NA"]
            module["phases"] = phases
            arms = self.n_arms
            model = ("SINGLE_GROUP" if arms == 1 else
                     self.weighted(["PARALLEL", "CROSSOVER", "FACTORIAL", "SEQUENTIAL"],
                                   [84, 92, 96, 100]))
            info: Study = {
                "allocation": "NA" if arms == 1 else self.weighted(
                    ["RANDOMIZED", "NON_RANDOMIZED"], [80, 100]),
                "interventionModel": model,
            }
            if r() < 0.12:
                info["interventionModelDescription"] = self.paragraph(1, 2)
            info["primaryPurpose"] = self.weighted(
                ["TREATMENT", "PREVENTION", "SUPPORTIVE_CARE", "BASIC_SCIENCE", "DIAGNOSTIC",
                 "HEALTH_SERVICES_RESEARCH", "OTHER", "SCREENING", "DEVICE_FEASIBILITY", "ECT"],
                [57, 67, 75, 82, 86, 89, 96, 97, 98.5, 100])
            masking = "NONE" if arms == 1 and r() < 0.9 else self.weighted(
                ["NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"], [45, 60, 73, 84, 100])
            masking_info: Study = {"masking": masking}
            if masking != "NONE":
                who = ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
                count = {"SINGLE": 1, "DOUBLE": 2, "TRIPLE": 3, "QUADRUPLE": 4}[masking]
                masking_info["whoMasked"] = who[:count] if r() < 0.7 else \
                    sorted(self.rng.sample(who, count), key=who.index)
                if r() < 0.15:
                    masking_info["maskingDescription"] = self.paragraph(1, 2)
            info["maskingInfo"] = masking_info
            module["designInfo"] = info
        done = self.status in ("COMPLETED", "TERMINATED", "WITHDRAWN")
        count = 0 if self.status == "WITHDRAWN" else self.heavy(60, 1.25, 1, 500_000)
        self.enrollment = count
        module["enrollmentInfo"] = {"count": count, "type": "ACTUAL" if done else "ESTIMATED"}
        return module

    # --- arms and interventions -------------------------------------------------------------

    def _interventions(self) -> list[Study]:
        r, p = self.rand, self.pools
        if self.kind == "OBSERVATIONAL" and r() < 0.5:
            self.n_arms = 0
            return []
        count = self.weighted([1, 2, 3, 4, 6], [48, 78, 90, 96, 100])
        items: list[Study] = []
        names: set[str] = set()
        for _ in range(count):
            enum, word, _w = self.weighted(_ITYPES, _ITYPE_CUM)
            if enum == "DRUG":
                name = self.pick(p.drugs)
                if r() < 0.3:
                    name = f"{name} {self.pick([5, 10, 20, 50, 100, 200, 400])} mg"
                elif r() < 0.15:
                    name = "Placebo"
            else:
                name = self.pick(p.interventions[word])
                if r() < 0.3:
                    name = f"{name} {self.pick(['program', 'arm', 'group', 'session', 'A', 'B'])}"
            if name in names:
                continue
            names.add(name)
            item: Study = {"type": enum, "name": name,
                           "description": self.paragraph(1, 3, self.topic)}
            if r() < 0.3:
                count = self.weighted([1, 2, 3, 5], [55, 80, 92, 100])
                item["otherNames"] = list(dict.fromkeys(
                    self.pick(p.other_names if r() < 0.6 else p.brands) for _ in range(count)))
            items.append(item)
        if self.kind == "INTERVENTIONAL":
            self.n_arms = self.weighted([1, 2, 3, 4, 5, 8], [30, 78, 89, 95, 98, 100])
        else:
            self.n_arms = self.weighted([0, 1, 2, 3], [30, 55, 85, 100])
        return items

    def _arms(self, names: list[str]) -> Study:
        r = self.rand
        items = self.interventions
        arms: list[Study] = []
        labels: list[str] = []
        for index in range(self.n_arms):
            if self.kind == "INTERVENTIONAL":
                arm_type = "EXPERIMENTAL" if index == 0 else self.weighted(
                    ["PLACEBO_COMPARATOR", "ACTIVE_COMPARATOR", "EXPERIMENTAL", "NO_INTERVENTION",
                     "SHAM_COMPARATOR", "OTHER"], [30, 55, 80, 88, 92, 100])
            else:
                arm_type = ""
            form = int(r() * 7)
            name = names[index % len(names)]
            label = (name if form == 0 else f"Arm {'ABCDEFGH'[index]}" if form == 1 else
                     f"Cohort {index + 1}" if form == 2 else
                     f"{self.pick(['Low', 'High', 'Standard'])} dose" if form == 3 else
                     ("Control group" if index else "Intervention group") if form == 4 else
                     f"{name} {self.pick([10, 20, 40, 100])} mg" if form == 5 else
                     f"Group {index + 1}: {self.pick(self.topic)}")
            while label in labels:
                label = f"{label} ({index + 1})"
            labels.append(label)
            arm: Study = {"label": label}
            if arm_type:
                arm["type"] = arm_type
            if r() < 0.92:
                arm["description"] = self.paragraph(1, 3, self.topic)
            given = [i for i in items if r() < 0.6] or items[:1]
            if arm_type == "NO_INTERVENTION":
                given = []
            if given:
                arm["interventionNames"] = [f"{_ITYPE_WORDS[i['type']]}: {i['name']}"
                                            for i in given]
                for i in given:
                    i.setdefault("armGroupLabels", []).append(label)
            arms.append(arm)
        self.arm_groups = arms
        module: Study = {}
        if arms:
            module["armGroups"] = arms
        if items:
            ordered = []
            for i in items:
                entry = {"type": i["type"], "name": i["name"], "description": i["description"]}
                if "armGroupLabels" in i:
                    entry["armGroupLabels"] = i["armGroupLabels"]
                if "otherNames" in i:
                    entry["otherNames"] = i["otherNames"]
                ordered.append(entry)
            module["interventions"] = ordered
        return module

    # --- planned outcomes ----------------------------------------------------------------

    def _measure(self, names: list[str]) -> Study:
        r, measures = self.rand, self.pools.measures
        measure, template, time_frame = measures[int(r() * len(measures))]
        if template:
            measure = measure.format(d=names[int(r() * len(names))],
                                     c=self.conditions[int(r() * len(self.conditions))])
        if r() < 0.65:
            return {"measure": measure, "description": self.paragraph(1, 3, self.topic),
                    "timeFrame": time_frame}
        return {"measure": measure, "timeFrame": time_frame}

    def _outcomes(self, names: list[str]) -> Study:
        primary = [self._measure(names) for _ in range(
            self.weighted([1, 2, 3, 5, 8, 20], [55, 75, 85, 93, 98, 100]))]
        module: Study = {"primaryOutcomes": primary}
        secondary = self.weighted([0, 1, 3, 5, 8, 12, 20, 40], [25, 40, 55, 70, 84, 93, 98, 100])
        if secondary:
            module["secondaryOutcomes"] = [self._measure(names)
                                           for _ in range(self.between(max(1, secondary // 2),
                                                                       secondary))]
        if self.rand() < 0.1:
            module["otherOutcomes"] = [self._measure(names) for _ in range(self.between(1, 8))]
        self.outcomes = module
        return module
