"""Results and documents of a registry corpus study: flow, baseline, outcomes, adverse events."""
from __future__ import annotations

from collections.abc import Sequence

from .registry_draws import StudyDraws
from .registry_ids import iso_date
from .registry_types import Rand, Study
from .registry_vocab_medical import ETHNICITIES, ORGAN_SYSTEMS, RACES, SCALES, UNITS
from .registry_vocab_text import ANALYSIS_PARAMS, DROP_REASONS, STAT_METHODS, TIME_FRAMES


def split_total(total: int, parts: int, r: Rand) -> list[int]:
    """Total shared out among parts groups of roughly equal sizes (each at least 1)."""
    weights = [0.7 + r() * 0.6 for _ in range(parts)]
    scale = total / sum(weights)
    return [max(1, int(w * scale)) for w in weights]


def group_counts(prefix: str, values: list[int], key: str = "numSubjects") -> list[Study]:
    """One count per group (ids prefix000, prefix001, ...), as the results tables hold them."""
    return [{"groupId": f"{prefix}{k:03d}", key: str(v)} for k, v in enumerate(values)]


class ResultsSection(StudyDraws):
    """resultsSection and documentSection."""

    def _results(self) -> Study:
        r = self.rand
        titles = [a["label"] for a in self.arm_groups] or [
            i["name"] for i in self.interventions[:2]] or ["All participants"]
        descriptions = [a.get("description") or self.paragraph(1, 2) for a in self.arm_groups]
        if r() < 0.1:
            titles = [f"{self.pick(self.topic)} cohort {k + 1}" for k in range(self.between(4, 10))]
        n = len(titles)
        descriptions = (descriptions + [self.paragraph(1, 2) for _ in range(n)])[:n]
        total = max(n, self.enrollment or self.heavy(80, 1.0, n, 20_000))
        sizes = split_total(total, n, self.rand)
        return {
            "participantFlowModule": self._flow(titles, descriptions, sizes),
            "baselineCharacteristicsModule": self._baseline(titles, descriptions, sizes),
            "outcomeMeasuresModule": self._outcome_results(titles, descriptions, sizes),
            "adverseEventsModule": self._adverse(titles, descriptions, sizes),
            "moreInfoModule": self._more_info(),
        }

    @staticmethod
    def _groups(prefix: str, titles: list[str], descriptions: list[str]) -> list[Study]:
        return [{"id": f"{prefix}{k:03d}", "title": t, "description": d}
                for k, (t, d) in enumerate(zip(titles, descriptions, strict=True))]

    def _flow(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.rand
        module: Study = {}
        if r() < 0.5:
            module["recruitmentDetails"] = self.paragraph(1, 2)
        if r() < 0.3:
            module["preAssignmentDetails"] = self.paragraph(1, 2)
        module["groups"] = self._groups("FG", titles, descriptions)
        periods = []
        started = sizes
        for index in range(self.weighted([1, 2, 3], [80, 95, 100])):
            done = [s - int(s * r() * 0.3) for s in started]
            left = [a - b for a, b in zip(started, done, strict=True)]
            milestones = [
                {"type": "STARTED", "achievements": group_counts("FG", started)},
                {"type": "COMPLETED", "achievements": group_counts("FG", done)},
                {"type": "NOT COMPLETED", "achievements": group_counts("FG", left)},
            ]
            drops = []
            for reason in self.rng.sample(DROP_REASONS, self.between(0, 6)):
                drops.append({"type": reason, "reasons": [
                    {"groupId": f"FG{k:03d}", "numSubjects": str(int((s - d) * r() * 0.5))}
                    for k, (s, d) in enumerate(zip(started, done, strict=True))]})
            period: Study = {"title": "Overall Study" if index == 0 and r() < 0.8 else
                             f"Period {index + 1}: {self.pick(['Treatment', 'Follow-up', 'Extension', 'Run-in'])}",  # noqa: E501
                             "milestones": milestones}
            if drops:
                period["dropWithdraws"] = drops
            periods.append(period)
            started = done
        module["periods"] = periods
        return module

    def _baseline(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.rand
        titles, descriptions, sizes = list(titles), list(descriptions), list(sizes)
        if len(titles) > 1:
            titles.append("Total")
            descriptions.append("Total of all reporting groups")
            sizes.append(sum(sizes))
        ids = [f"BG{k:03d}" for k in range(len(titles))]
        module: Study = {}
        if r() < 0.3:
            module["populationDescription"] = self.paragraph(1, 2)
        module["groups"] = self._groups("BG", titles, descriptions)
        module["denoms"] = [{"units": "Participants", "counts": group_counts("BG", sizes, "value")}]
        measures = [
            {"title": "Age, Continuous", "paramType": "MEAN", "dispersionType":
             "STANDARD_DEVIATION", "unitOfMeasure": "years", "classes": [{"categories": [
                 {"measurements": [{"groupId": g, "value": f"{40 + r() * 30:.1f}",
                                    "spread": f"{5 + r() * 10:.1f}"} for g in ids]}]}]},
            {"title": "Sex: Female, Male", "paramType": "COUNT_OF_PARTICIPANTS",
             "unitOfMeasure": "Participants", "classes": [{"categories": self._shares(
                 ["Female", "Male"], ids, sizes)}]},
        ]
        if r() < 0.6:
            measures.append({"title": "Ethnicity (NIH/OMB)", "paramType": "COUNT_OF_PARTICIPANTS",
                             "unitOfMeasure": "Participants", "classes": [{"categories":
                             self._shares(ETHNICITIES, ids, sizes)}]})
            measures.append({"title": "Race (NIH/OMB)", "paramType": "COUNT_OF_PARTICIPANTS",
                             "unitOfMeasure": "Participants", "classes": [{"categories":
                             self._shares(RACES, ids, sizes)}]})
        if r() < 0.5:
            countries = list(dict.fromkeys(self.pick(self.pools.places).country
                                           for _ in range(self.between(1, 6))))
            measures.append({"title": "Region of Enrollment", "paramType": "NUMBER",
                             "unitOfMeasure": "participants", "classes": [
                                 {"title": c, "categories": [{"measurements": [
                                     {"groupId": g, "value": str(int(s * r() / 2))}
                                     for g, s in zip(ids, sizes, strict=True)]}]}
                                 for c in countries]})
        for _ in range(self.weighted([0, 1, 2, 4], [50, 75, 90, 100])):
            measures.append({"title": self.pick(SCALES), "paramType": "MEAN",
                             "dispersionType": "STANDARD_DEVIATION",
                             "unitOfMeasure": self.pick(UNITS), "classes": [{"categories": [
                                 {"measurements": [{"groupId": g, "value": f"{r() * 100:.2f}",
                                                    "spread": f"{r() * 20:.2f}"}
                                                   for g in ids]}]}]})
        module["measures"] = measures
        return module

    def _shares(self, labels: Sequence[str], ids: list[str], sizes: list[int]) -> list[Study]:
        r = self.rand
        weights = [r() + 0.05 for _ in labels]
        total = sum(weights)
        return [{"title": label, "measurements": [
            {"groupId": g, "value": str(int(s * w / total))} for g, s in zip(ids, sizes,
                                                                            strict=True)]}
            for label, w in zip(labels, weights, strict=True)]

    def _outcome_results(self, titles: list[str], descriptions: list[str],
                         sizes: list[int]) -> Study:
        r = self.rand
        planned = self.outcomes.get("primaryOutcomes", []) + \
            self.outcomes.get("secondaryOutcomes", [])[:25]
        kinds = ["PRIMARY"] * len(self.outcomes.get("primaryOutcomes", [])) + \
            ["SECONDARY"] * (len(planned) - len(self.outcomes.get("primaryOutcomes", [])))
        groups = self._groups("OG", titles, descriptions)
        ids = [g["id"] for g in groups]
        measures = []
        for kind, planned_item in zip(kinds, planned, strict=True):
            param = self.weighted(["MEAN", "COUNT_OF_PARTICIPANTS", "NUMBER", "MEDIAN",
                                   "LEAST_SQUARES_MEAN", "GEOMETRIC_MEAN"],
                                  [35, 60, 75, 87, 95, 100])
            item: Study = {"type": kind, "title": planned_item["measure"]}
            if "description" in planned_item:
                item["description"] = planned_item["description"]
            if r() < 0.8:
                item["populationDescription"] = self.paragraph(1, 2)
            item["reportingStatus"] = "POSTED"
            item["paramType"] = param
            dispersion = {"MEAN": self.pick(["Standard Deviation", "Standard Error"]),
                          "LEAST_SQUARES_MEAN": "Standard Error",
                          "MEDIAN": self.pick(["Full Range", "Inter-Quartile Range",
                                               "95% Confidence Interval"]),
                          "GEOMETRIC_MEAN": "Geometric Coefficient of Variation"}.get(param)
            if dispersion:
                item["dispersionType"] = dispersion
            item["unitOfMeasure"] = "Participants" if param == "COUNT_OF_PARTICIPANTS" else \
                self.pick(UNITS)
            item["timeFrame"] = planned_item["timeFrame"]
            item["groups"] = groups
            item["denoms"] = [{"units": "Participants",
                               "counts": group_counts("OG", sizes, "value")}]
            timepoints = [None] if r() < 0.8 else [f"Week {w}" for w in (4, 12, 24, 52)[
                : self.between(2, 4)]]
            classes = []
            for point in timepoints:
                values = [self._value(param, dispersion, g, s) for g, s in zip(ids, sizes,
                                                                               strict=True)]
                entry: Study = {"categories": [{"measurements": values}]}
                if point:
                    entry = {"title": point, **entry}
                classes.append(entry)
            item["classes"] = classes
            if len(ids) > 1 and r() < 0.3:
                low = r() * 2 - 1
                item["analyses"] = [{
                    "groupIds": ids[:2],
                    "nonInferiorityType": self.weighted(
                        ["SUPERIORITY", "OTHER", "NON_INFERIORITY", "EQUIVALENCE"],
                        [55, 85, 97, 100]),
                    "pValue": self.pick(["<0.001", "<0.0001"]) if r() < 0.3 else
                    f"{r() * 0.9:.3f}",
                    "statisticalMethod": self.pick(STAT_METHODS),
                    "paramType": self.pick(ANALYSIS_PARAMS),
                    "paramValue": f"{low + r() * 0.5:.3f}",
                    "ciPctValue": "95",
                    "ciNumSides": "TWO_SIDED",
                    "ciLowerLimit": f"{low:.3f}",
                    "ciUpperLimit": f"{low + r() * 1.5:.3f}",
                }]
            measures.append(item)
        return {"outcomeMeasures": measures}

    def _value(self, param: str, dispersion: str | None, group: str, size: int) -> Study:
        r = self.rand
        if param == "COUNT_OF_PARTICIPANTS":
            return {"groupId": group, "value": str(int(size * r()))}
        value = r() * 100
        if dispersion in ("Standard Deviation", "Standard Error",
                          "Geometric Coefficient of Variation"):
            return {"groupId": group, "value": f"{value:.2f}", "spread": f"{r() * 25:.2f}"}
        if dispersion:
            return {"groupId": group, "value": f"{value:.1f}",
                    "lowerLimit": f"{value * (0.3 + r() * 0.5):.1f}",
                    "upperLimit": f"{value * (1.1 + r()):.1f}"}
        return {"groupId": group, "value": f"{value:.1f}"}

    def _adverse(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.rand
        module: Study = {"frequencyThreshold": self.pick(["5", "5", "0", "2", "1"]),
                         "timeFrame": self.pick(TIME_FRAMES).format(
                             w=52, w4=13, m=12, y=2, dd=30)}
        if r() < 0.6:
            module["description"] = self.paragraph(1, 2)
        groups = []
        for k, (t, d, s) in enumerate(zip(titles, descriptions, sizes, strict=True)):
            serious = int(s * r() * 0.2)
            groups.append({"id": f"EG{k:03d}", "title": t, "description": d,
                           "deathsNumAffected": int(serious * r() * 0.2), "deathsNumAtRisk": s,
                           "seriousNumAffected": serious, "seriousNumAtRisk": s,
                           "otherNumAffected": int(s * r() * 0.7), "otherNumAtRisk": s})
        module["eventGroups"] = groups
        vocabulary_ = f"MedDRA ({self.between(10, 27)}.{self.between(0, 1)})"
        for key, median, rate in (("seriousEvents", 5, 0.03), ("otherEvents", 10, 0.25)):
            count = self.heavy(median, 1.0, 0, 400)
            if not count:
                continue
            events = []
            for _ in range(count):
                system, terms = self.pick(ORGAN_SYSTEMS)
                event: Study = {"term": self.pick(terms), "organSystem": system}
                if r() < 0.8:
                    event["sourceVocabulary"] = vocabulary_
                event["assessmentType"] = ("SYSTEMATIC_ASSESSMENT" if r() < 0.6 else
                                           "NON_SYSTEMATIC_ASSESSMENT")
                stats = []
                for k, s in enumerate(sizes):
                    affected = int(s * r() * rate)
                    stats.append({"groupId": f"EG{k:03d}",
                                  "numEvents": affected + int(r() * 3 * (affected > 0)),
                                  "numAffected": affected, "numAtRisk": s})
                event["stats"] = stats
                events.append(event)
            module[key] = events
        return module

    def _more_info(self) -> Study:
        r = self.rand
        module: Study = {}
        if r() < 0.25:
            module["limitationsAndCaveats"] = {"description": self.paragraph(1, 2)}
        agreement: Study = {"piSponsorEmployee": r() < 0.4}
        if r() < 0.6:
            agreement["restrictionType"] = self.pick(["LTE60", "GT60", "OTHER"])
            agreement["restrictiveAgreement"] = r() < 0.7
        module["certainAgreement"] = agreement
        name = self.person()
        module["pointOfContact"] = {"title": name if r() < 0.6 else "Clinical Trial Disclosure",
                                    "organization": self.sponsor, "email": self.email(name),
                                    "phone": self.phone("1")}
        return module

    def _documents(self) -> Study:
        docs = []
        for abbrev, label, flags in self.rng.sample(
                [("Prot", "Study Protocol", (True, False, False)),
                 ("SAP", "Statistical Analysis Plan", (False, True, False)),
                 ("Prot_SAP", "Study Protocol and Statistical Analysis Plan", (True, True, False)),
                 ("ICF", "Informed Consent Form", (False, False, True))], self.between(1, 2)):
            day = self.results_post - self.between(0, 300)
            docs.append({"typeAbbrev": abbrev, "hasProtocol": flags[0], "hasSap": flags[1],
                         "hasIcf": flags[2], "label": label, "date": iso_date(day),
                         "uploadDate": f"{iso_date(self.results_post)}T{self.between(0, 23):02d}:"
                                       f"{self.between(0, 59):02d}",
                         "filename": f"{abbrev}_{self.between(0, 3):03d}.pdf",
                         "size": self.between(100_000, 9_000_000)})
        return {"largeDocumentModule": {"largeDocs": docs}}
