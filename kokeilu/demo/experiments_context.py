"""What each workspace app's demo seeder receives for one demo experiment.

kokeilu.demo.experiments creates the experiments (Iso Omena's Koestamo and Helsinki's nine staff
experiments) with their people and groups, then calls `<app>.demo.seed(demo)` for every workspace app.
Seeders write through their app's services, as the people named here, and must be deterministic
(use `demo.random`, never the wall clock beyond `demo.today`/`demo.now`).
"""

import datetime
from dataclasses import dataclass, field
from random import Random

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment, ParticipantGroup


@dataclass
class DemoExperiment:
    experiment: Experiment
    # "koestamo" for Iso Omena's Koestamo experiment, "staff" for Helsinki's staff experiments.
    kind: str
    # 0 for Koestamo; 0–8 for the staff experiments, in the order of the campaign's selected proposals.
    index: int
    manager: User
    lead: User
    team: list[User]
    testers: list[User]
    # Groups by key: "testers" (chosen testers) and "staff" (the unit's staff) always exist.
    groups: dict[str, ParticipantGroup]
    now: datetime.datetime
    random: Random = field(default_factory=lambda: Random(2026))

    @property
    def today(self) -> datetime.date:
        return self.now.date()
