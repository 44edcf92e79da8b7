"""Identification, dates, status, sponsors and oversight of a registry corpus study."""
from __future__ import annotations

import datetime
import math

from .corpus import TITLE_PATTERNS
from .registry_draws import StudyDraws
from .registry_ids import TODAY, YEAR_2017, first_submitted, iso_date
from .registry_types import Study
from .registry_vocab_text import (
    DESIGN_WORDS,
    EFFECT_WORDS,
    OBSERVATIONAL_PATTERNS,
    OFFICIAL_PATTERNS,
    POPULATION_WORDS,
    SECONDARY_DOMAINS,
    WHY_STOPPED,
)
from .vocab import DRUG_SYLLABLES


class StatusSection(StudyDraws):
    """identificationModule, statusModule, sponsorCollaboratorsModule, oversightModule."""

    def _identification(self, names: list[str]) -> Study:
        r, p = self.rand, self.pools
        c = self.conditions[0]
        t, t2 = names[0], (names[1] if len(names) > 1 else self.pick(p.drugs))
        title = self.pick(TITLE_PATTERNS).format(
            t=t, t2=t2.capitalize(), c=c, w=self.pick(p.top_words).capitalize(),
            w2=self.pick(p.top_words), p=self.pick(["I", "II", "III", "I/II"]))
        module: Study = {"nctId": self.nct, "orgStudyIdInfo": {"id": self._org_id()}}
        if r() < 0.4:
            module["secondaryIdInfos"] = [self._secondary_id()
                                          for _ in range(self.weighted([1, 2, 3], [70, 92, 100]))]
        module["organization"] = {"fullName": self.sponsor, "class": self.sponsor_class}
        module["briefTitle"] = title
        if r() < 0.92:
            phase = "" if self.kind != "INTERVENTIONAL" else self.pick(
                ["", "Phase 2, ", "Phase 3, ", "Phase 1, ", "Phase II ", ""])
            patterns = (OFFICIAL_PATTERNS if self.kind == "INTERVENTIONAL" else
                        OBSERVATIONAL_PATTERNS)
            module["officialTitle"] = self.pick(patterns).format(
                ph=phase, d1=self.pick(DESIGN_WORDS), d2=self.pick(DESIGN_WORDS),
                e=self.pick(EFFECT_WORDS), t=t, t2=t2, pp=self.pick(POPULATION_WORDS), c=c,
                w=self.pick(p.top_words))
        if r() < 0.28:
            module["acronym"] = "".join(
                self.pick(DRUG_SYLLABLES) for _ in range(self.between(2, 3))).upper()
        return module

    def _org_id(self) -> str:
        r = self.rand
        year = self.start_year
        form = int(r() * 6)
        if form == 0:
            return f"IRB{year}-{int(r() * 9000) + 1000}"
        if form == 1:
            return f"{self.pick(self.pools.other_names)}-{int(r() * 900) + 100}"
        if form == 2:
            return f"{year}-{int(r() * 99999):05d}"
        if form == 3:
            return f"{int(r() * 90000) + 10000}"
        if form == 4:
            letters = "".join(w[0] for w in self.sponsor.split() if w[:1].isalpha())[:5].upper()
            return f"{letters or 'ST'}-{year % 100:02d}-{int(r() * 999) + 1:03d}"
        return f"{self.pick(['H', 'HSC', 'STUDY', 'PRO'])}{int(r() * 10**8):08d}"

    def _secondary_id(self) -> Study:
        r = self.rand
        form = int(r() * 5)
        if form == 0:
            return {"id": f"{self.start_year}-{int(r() * 10**6):06d}-{int(r() * 100):02d}",
                    "type": "EUDRACT_NUMBER"}
        if form == 1:
            grant = (f"{self.pick(['R01', 'U01', 'P30', 'K23', 'R21', 'UG1'])}"
                     f"{self.pick(['CA', 'HL', 'AI', 'MH', 'NS', 'DK', 'AG', 'DA'])}"
                     f"{int(r() * 900000) + 100000}")
            return {"id": grant, "type": "NIH",
                    "link": f"https://reporter.nih.gov/quickSearch/{grant}"}
        if form == 2:
            return {"id": f"{self.start_year}-{int(r() * 10**6):06d}-{int(r() * 100):02d}-00",
                    "type": "REGISTRY", "domain": self.pick(SECONDARY_DOMAINS)}
        if form == 3:
            return {"id": f"{self.pick(self.pools.other_names)}", "type": "OTHER_GRANT",
                    "domain": self.pick(self.pools.collaborators)}
        return {"id": f"{self.pick(self.pools.other_names)}", "type": "OTHER",
                "domain": self.sponsor}

    def _dates(self) -> None:
        r, gauss = self.rand, self.rng.gauss
        number = int(self.nct[3:])
        submitted = first_submitted(number)
        self.submitted = submitted
        start = submitted + int(gauss(40, 200))
        if self.has_results:
            start = min(start, TODAY - 400)
        primary = start + max(30, int(math.exp(gauss(6.7, 0.75))))
        completion = primary + (0 if r() < 0.4 else int(r() * 500))
        if self.has_results:
            primary = min(primary, TODAY - 120)
            completion = min(max(completion, primary), TODAY - 90)
        self.start, self.primary, self.completion = start, primary, completion
        self.start_year = datetime.date.fromordinal(start).year
        today = TODAY
        if self.kind == "EXPANDED_ACCESS":
            status = self.weighted(["AVAILABLE", "NO_LONGER_AVAILABLE", "APPROVED_FOR_MARKETING",
                                    "TEMPORARILY_NOT_AVAILABLE"], [40, 80, 95, 100])
        elif self.has_results:
            status = self.weighted(["COMPLETED", "TERMINATED", "ACTIVE_NOT_RECRUITING"],
                                   [84, 97, 100])
        elif completion < today:
            unknown = 24 if completion < today - 730 else 2  # not updated for two years
            status = self.weighted(
                ["COMPLETED", "UNKNOWN", "TERMINATED", "WITHDRAWN", "ACTIVE_NOT_RECRUITING",
                 "RECRUITING"],
                [66, 66 + unknown, 71 + unknown, 74.5 + unknown, 75.5 + unknown, 76 + unknown])
        elif start > today - 150 and submitted > today - 500:
            status = self.weighted(["NOT_YET_RECRUITING", "RECRUITING", "WITHDRAWN"],
                                   [80, 98, 100])
        else:
            unknown = 11 if submitted < today - 1100 else 0
            status = self.weighted(
                ["RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION", "UNKNOWN",
                 "SUSPENDED", "TERMINATED", "NOT_YET_RECRUITING"],
                [58, 78, 84, 84 + unknown, 85 + unknown, 87 + unknown, 90 + unknown])
        self.status = status
        first_qc = submitted + (0 if r() < 0.5 else int(r() * 40))
        first_post = first_qc + 1 + int(r() * 4)
        if status in ("COMPLETED", "TERMINATED", "WITHDRAWN"):
            update = max(first_post, min(today - 1, completion + int(r() * 700)))
        elif status == "UNKNOWN":
            update = max(first_post, min(completion, today - 731) - int(r() * 400))
        else:
            update = max(first_post, today - int(self.rng.expovariate(1 / 150)))
        update = min(update, today)
        self.first_qc, self.first_post, self.update = first_qc, first_post, update
        self.results_post = 0
        if self.has_results:
            submitted_results = max(primary + 200 + int(r() * 400), first_post + 30)
            submitted_results = min(submitted_results, today - 20)
            self.results_post = submitted_results
            self.update = max(self.update, submitted_results + 3)
        self.update = min(self.update, today)

    def _date(self, ordinal: int, day_share: float = 0.7) -> str:
        text = iso_date(ordinal)
        return text if self.start_year >= 2017 or self.rand() < day_share else text[:7]

    def _status(self) -> Study:
        r = self.rand
        status = self.status
        done = status in ("COMPLETED", "TERMINATED", "WITHDRAWN")
        verified = self.update if status != "UNKNOWN" else self.update - int(r() * 60)
        module: Study = {
            "statusVerifiedDate": iso_date(max(verified, self.first_post))[:7],
            "overallStatus": status,
        }
        if status == "UNKNOWN":
            module["lastKnownStatus"] = self.pick(["RECRUITING", "ACTIVE_NOT_RECRUITING",
                                                   "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"])
        if status in ("TERMINATED", "WITHDRAWN", "SUSPENDED"):
            module["whyStopped"] = self.pick(WHY_STOPPED)
        if self.kind != "EXPANDED_ACCESS":
            module["expandedAccessInfo"] = {"hasExpandedAccess": r() < 0.02}
            started = self.start <= self.update and status not in ("NOT_YET_RECRUITING",
                                                                   "WITHDRAWN")
            start: Study = {"date": self._date(self.start)}
            if self.start_year >= 2011 or r() < 0.5:
                start["type"] = "ACTUAL" if started else "ESTIMATED"
            module["startDateStruct"] = start
            primary_type = "ACTUAL" if done and self.primary <= self.update else "ESTIMATED"
            module["primaryCompletionDateStruct"] = {"date": self._date(self.primary),
                                                     "type": primary_type}
            completion_type = ("ACTUAL" if done and self.completion <= self.update
                               else "ESTIMATED")
            module["completionDateStruct"] = {"date": self._date(self.completion),
                                              "type": completion_type}
        module["studyFirstSubmitDate"] = iso_date(self.submitted)
        module["studyFirstSubmitQcDate"] = iso_date(self.first_qc)
        post_type = "ESTIMATED" if self.submitted < YEAR_2017 and r() < 0.7 else "ACTUAL"
        module["studyFirstPostDateStruct"] = {"date": iso_date(self.first_post), "type": post_type}
        if self.results_post:
            module["resultsFirstSubmitDate"] = iso_date(self.results_post - 60 - int(r() * 200))
            module["resultsFirstSubmitQcDate"] = iso_date(self.results_post - 1 - int(r() * 20))
            module["resultsFirstPostDateStruct"] = {"date": iso_date(self.results_post),
                                                    "type": "ACTUAL"}
        module["lastUpdateSubmitDate"] = iso_date(self.update - int(r() * 3))
        update_type = "ESTIMATED" if self.update < YEAR_2017 and r() < 0.6 else "ACTUAL"
        module["lastUpdatePostDateStruct"] = {"date": iso_date(self.update), "type": update_type}
        return module

    def _sponsors(self) -> Study:
        r = self.rand
        roll = r()
        if roll < 0.6 or self.industry:
            party: Study = {"type": "SPONSOR"}
        else:
            name = self.person()
            party = {"type": "PRINCIPAL_INVESTIGATOR" if roll < 0.9 else "SPONSOR_INVESTIGATOR",
                     "investigatorFullName": name,
                     "investigatorTitle": self.pick(["Professor", "Principal Investigator",
                                                     "Associate Professor", "MD, PhD",
                                                     "Assistant Professor", "Director"]),
                     "investigatorAffiliation": self.sponsor}
        module: Study = {"responsibleParty": party,
                         "leadSponsor": {"name": self.sponsor, "class": self.sponsor_class}}
        count = self.weighted([0, 1, 2, 3, 5], [64, 88, 95, 98, 100])
        if count:
            seen: dict[str, None] = {}
            for _ in range(count):
                seen[self.pick(self.pools.collaborators)] = None
            seen.pop(self.sponsor, None)
            if seen:
                module["collaborators"] = [
                    {"name": name, "class": self.pools.collaborator_class[name]} for name in seen]
        return module

    def _oversight(self) -> Study:
        r = self.rand
        module: Study = {}
        if r() < 0.85:
            module["oversightHasDmc"] = r() < 0.35
        if self.start_year >= 2017 or r() < 0.3:
            types = {i["type"] for i in self.interventions}
            module["isFdaRegulatedDrug"] = bool(types & {"DRUG", "BIOLOGICAL"}) and r() < 0.5
            module["isFdaRegulatedDevice"] = "DEVICE" in types and r() < 0.4
        if r() < 0.1:
            module["isUsExport"] = r() < 0.3
        return module or {"oversightHasDmc": False}
