"""The demo's adoption work, written after the children in care (``safeguard.demo.care``)
through ``safeguard.adoption.services`` (and ``safeguard.care.services`` to end a care
episode by adoption), all dated in the past:

- every child the care seeder placed for adoption under a placement order (E1, A6) has
  the decision that they should be placed for adoption, the placement order, the match
  with a household (the first is the Campbells, the care seeder's adopters) and the
  placement; the one placed longest ago was adopted (care ended E11) about three to five
  months after being placed;
- among the other young children in care: one decided recently, not yet matched (a match
  due within the 6 months); one decided more than 6 months ago and still not matched
  (overdue on My work); one whose decision was reversed because adopters could not be
  found (RD3);
- adopter households at every step: enquiry, stage 1, stage 2, approved and waiting, left
  the process (one withdrew this year, one refused long ago), and those matched above.

Only children the care seeder put in care are used. One seed gives the same records every
time (on the same day). Names are synthetic.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import User
from safeguard.adoption import services
from safeguard.adoption.models import AdopterHousehold, AdoptionDecision
from safeguard.care import services as care_services
from safeguard.care.models import Carer, CareRecord, Episode
from safeguard.lib.errors import InvalidTransition
from safeguard.people.models import Person

# Synthetic households: (family name, first adopter, second adopter or None, legal status).
FAMILIES = (
    ("Campbell", ("Fiona", "F"), ("Ross", "M"), "L11"),
    ("Okafor", ("Adaeze", "F"), ("Chidi", "M"), "L11"),
    ("Hughes", ("Gareth", "M"), ("Tom", "M"), "L12"),
    ("Patel", ("Meera", "F"), None, "L0"),
    ("Lindqvist", ("Sara", "F"), ("Jo", "F"), "L2"),
    ("Mensah", ("Kofi", "M"), ("Ama", "F"), "L3"),
    ("Doyle", ("Niamh", "F"), None, "L0"),
    ("Ashworth", ("Claire", "F"), ("Ben", "M"), "L11"),
    ("Reyes", ("Lucia", "F"), ("Daniel", "M"), "L3"),
    ("Bryant", ("Karen", "F"), None, "L0"),
)
ETHNICITIES = ("WBRI", "WBRI", "WBRI", "BAFR", "WOTH", "MWBC", "AIND", "WIRI")
log = logging.getLogger(__name__)
OLDEST = 12  # the demo plans adoption for children this age or younger, youngest first


class _Seeder:
    def __init__(self, *, actor: User, seed: int) -> None:
        self.actor = actor
        self.rng = random.Random(seed * 104729 + 11)
        self.today = timezone.localdate()
        self.counts: Counter[str] = Counter()
        self.families = list(FAMILIES)

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def household(self, enquiry_on: dt.date) -> AdopterHousehold:
        family, first, second, status = self.families.pop(0)
        adopters = [
            services.AdopterInput(
                given_name=name,
                family_name=family,
                sex=sex,
                ethnicity=self.rng.choice(ETHNICITIES),
                disability=self.rng.choice(("no", "no", "no", "yes", "unknown")),
                fostering_for_adoption=self.rng.random() < 0.3,
            )
            for name, sex in (first, *((second,) if second else ()))
        ]
        return services.household_create(
            actor=self.actor, legal_status=status, enquiry_on=enquiry_on, adopters=adopters
        )

    def journey(self, household: AdopterHousehold, until: str, *, approved_by: dt.date | None = None) -> None:
        """Walk a household through approval up to ``until`` (stage1, stage2, approved)."""
        enquiry = household.enquiry_on
        values: dict[str, object] = {}
        s1 = enquiry + dt.timedelta(days=self.rng.randint(7, 30))
        values["stage1_started_on"] = s1
        if until in ("stage2", "approved"):
            s1_end = s1 + dt.timedelta(days=self.rng.randint(45, 60))
            s2 = s1_end + dt.timedelta(days=self.rng.randint(3, 20))
            values |= {"stage1_ended_on": s1_end, "stage2_started_on": s2, "application_on": s2}
            if until == "approved":
                s2_end = s2 + dt.timedelta(days=self.rng.randint(100, 120))
                if approved_by is not None:
                    s2_end = min(s2_end, approved_by - dt.timedelta(days=14))
                values |= {"stage2_ended_on": s2_end, "approved_on": s2_end}
        services.household_update(actor=self.actor, household=household, expected_version=household.version, **values)
        household.refresh_from_db()

    def run(self) -> dict[str, int]:
        in_care = (
            Episode.objects.filter(end_date__isnull=True, child__care_record__isnull=False)
            .select_related("child")
            .order_by("child_id")
        )
        placed = [e for e in in_care if e.legal_status == "E1" and e.placement_type in ("A5", "A6")]
        others = [
            e
            for e in in_care
            if e.legal_status in ("C1", "C2")
            and e.child.date_of_birth is not None
            and (e.child.age_on(self.today) or 99) <= OLDEST
            and not AdoptionDecision.objects.filter(child=e.child).exists()
        ]
        others.sort(key=lambda e: (e.child.date_of_birth is None, -(e.child.date_of_birth or self.today).toordinal()))
        placed.sort(key=lambda e: e.start_date)
        for index, episode in enumerate(placed):
            self.attempt("placed", lambda e=episode, i=index: self.placed_for_adoption(e, adopt=i == 0))
        used: set[int] = set()
        # The adoption through the care record: decided, placement order (E1), matched, placed
        # (A6) and adopted (E11) within the last year; then those still waiting.
        adopted_on = self.days_ago(20, 60)
        gaps = [self.rng.randint(70, 100), self.rng.randint(14, 30), self.rng.randint(30, 60), self.rng.randint(30, 60)]
        decided_by = adopted_on - dt.timedelta(days=sum(gaps))
        for story, decided in (
            ("adopted", decided_by),
            ("overdue", self.days_ago(200, 260)),
            ("reversed", self.days_ago(200, 260)),
            ("due", self.days_ago(30, 90)),
        ):
            chosen = next(
                (
                    e
                    for e in others
                    if e.child_id not in used
                    and self.care_start(e.child) < decided
                    and (story != "adopted" or e.start_date < decided)
                ),
                None,
            )
            if chosen is None:
                self.counts[f"skipped:{story}"] += 1
                continue
            used.add(chosen.child_id)
            if story == "adopted":
                self.attempt(story, lambda e=chosen, d=decided: self.adopted(e, d, adopted_on, gaps))
            else:
                self.attempt(story, lambda e=chosen, s=story, d=decided: self.waiting(e, s, d))
        self.attempt("approved", lambda: self.journey(self.household(self.days_ago(300, 360)), "approved"))
        self.attempt("stage2", lambda: self.journey(self.household(self.days_ago(100, 140)), "stage2"))
        self.attempt("stage1", lambda: self.journey(self.household(self.days_ago(45, 75)), "stage1"))
        self.attempt("enquiry", lambda: self.household(self.days_ago(2, 10)))
        self.attempt("withdrew", lambda: self.left(self.days_ago(150, 200), reason="1", stage="stage2"))
        self.attempt("refused_long_ago", lambda: self.left(self.days_ago(700, 800), reason="3", stage="stage2"))
        counts = dict(self.counts)
        counts["decisions"] = AdoptionDecision.objects.count()
        counts["households"] = AdopterHousehold.objects.count()
        counts["match_overdue"] = AdoptionDecision.objects.filter(match_due__lt=self.today).count()
        return counts

    def attempt(self, story: str, act: object) -> None:
        try:
            with transaction.atomic():
                act()  # type: ignore[operator]
            self.counts[story] += 1
        except (ValidationError, InvalidTransition, IndexError) as exc:  # a story that does not fit
            self.counts["skipped"] += 1
            self.counts[f"skipped:{story}"] += 1
            log.info("adoption story %s skipped: %s", story, exc)

    def worker_for(self, child: Person) -> User:
        allocation = Involvement.objects.filter(
            child=child, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True
        ).first()
        return allocation.user if allocation is not None and allocation.user is not None else self.actor

    def care_start(self, child: Person) -> dt.date:
        first = Episode.objects.filter(child=child, reason_new_episode="S").order_by("-start_date").first()
        assert first is not None
        return first.start_date

    def placed_for_adoption(self, episode: Episode, *, adopt: bool) -> None:
        """A child placed under a placement order (the care seeder's E1/A6 episode)."""
        child, worker = episode.child, self.worker_for(episode.child)
        started, order = self.care_start(child), episode.start_date
        span = (order - started).days
        decided = started + dt.timedelta(days=self.rng.randint(min(30, span // 2), max(30, span - 30)))
        matched = order - dt.timedelta(days=self.rng.randint(10, 30))
        household = self.household(matched - dt.timedelta(days=self.rng.randint(420, 500)))
        self.journey(household, "approved", approved_by=matched)
        decision = services.decision_record(
            actor=worker, child=child, decided_on=min(decided, matched), placement_order_on=order
        )
        values = {
            "matched_on": matched,
            "household": household,
            "placed_on": order,
            "placed_with_foster_carer": episode.placement_type == "A5",
        }
        adopted_on = order + dt.timedelta(days=self.rng.randint(90, 150))
        if adopt and adopted_on < self.today:
            values["adoption_order_on"] = adopted_on
        decision = services.decision_update(
            actor=worker, decision=decision, expected_version=decision.version, **values
        )
        if "adoption_order_on" in values:
            care_services.care_end(
                actor=worker,
                child=child,
                on=adopted_on,
                end_reason="E11",
                expected_version=CareRecord.objects.get(child=child).version,
            )
            self.counts["adopted"] += 1

    def adopted(self, episode: Episode, decided: dt.date, adopted_on: dt.date, gaps: list[int]) -> None:
        """Adopted through the care record: the placement order changes the legal status
        (E1), the placement with the adopters is a new placement (A6), and the adoption
        order ends care (E11)."""
        child, worker = episode.child, self.worker_for(episode.child)
        order = decided + dt.timedelta(days=gaps[3])
        matched = order + dt.timedelta(days=gaps[2])
        placed = matched + dt.timedelta(days=gaps[1])
        household = self.household(matched - dt.timedelta(days=self.rng.randint(420, 500)))
        self.journey(household, "approved", approved_by=matched)
        decision = services.decision_record(actor=worker, child=child, decided_on=decided)

        def change(on: dt.date, kind: str, **kw: object) -> None:
            version = CareRecord.objects.get(child=child).version
            care_services.episode_change(actor=worker, child=child, on=on, kind=kind, expected_version=version, **kw)  # type: ignore[arg-type]

        change(order, "L", legal_status="E1")
        carer = Carer.objects.filter(kind="adopter").order_by("pk").first() or care_services.carer_create(
            actor=self.actor,
            name=f"Adopters: the {household.adopters.all()[0].family_name}s",
            kind="adopter",
            provider="PR1",
        )
        change(
            placed,
            "P",
            placement=care_services.Placement(
                placement_type="A6",
                placement_provider=carer.provider or "PR1",
                placement_postcode=carer.postcode,
                carer=carer,
            ),
            placement_change_reason="CARPL",
        )
        services.decision_update(
            actor=worker,
            decision=decision,
            expected_version=decision.version,
            placement_order_on=order,
            matched_on=matched,
            household=household,
            placed_on=placed,
            placed_with_foster_carer=False,
            adoption_order_on=adopted_on,
        )
        care_services.care_end(
            actor=worker,
            child=child,
            on=adopted_on,
            end_reason="E11",
            expected_version=CareRecord.objects.get(child=child).version,
        )

    def waiting(self, episode: Episode, story: str, decided: dt.date) -> None:
        """A young child in care with a decision: matching due soon, overdue, or reversed."""
        child, worker = episode.child, self.worker_for(episode.child)
        decision = services.decision_record(actor=worker, child=child, decided_on=decided)
        if story == "reversed":
            reversed_on = min(
                decided + dt.timedelta(days=self.rng.randint(150, 190)), self.today - dt.timedelta(days=3)
            )
            services.decision_update(
                actor=worker,
                decision=decision,
                expected_version=decision.version,
                no_longer_on=reversed_on,
                no_longer_reason="RD3",
            )

    def left(self, enquiry_on: dt.date, *, reason: str, stage: str) -> None:
        household = self.household(enquiry_on)
        self.journey(household, stage)
        left_on = (household.stage2_started_on or household.enquiry_on) + dt.timedelta(days=self.rng.randint(20, 60))
        services.household_update(
            actor=self.actor,
            household=household,
            expected_version=household.version,
            left_on=min(left_on, self.today - dt.timedelta(days=1)),
            left_reason=reason,
        )


def seed_adoption(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """Adoption decisions and adopters at every stage (see the module's docstring)."""
    return _Seeder(actor=actor, seed=seed).run()
