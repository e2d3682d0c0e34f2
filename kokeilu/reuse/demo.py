"""Demo content of this app (called by kokeilu.demo.experiments after the reports seeder).

Espoo's programme manager has read the first learning of Helsinki's first completed staff experiment
and copied it into the first published development need of an Espoo platform: the learning page and the
library show one reuse, with a link to the need. Through the services, once (a second run adds nothing).
"""

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import user_managed_city_ids
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from kokeilu.reports.selectors import published_learning_list

from . import services
from .models import LearningReuse

REUSING_MANAGER = "espoo-manager"


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind != "staff" or demo.index != 0:
        return
    learning = published_learning_list().filter(report__experiment=demo.experiment).first()
    manager = User.objects.filter(username=REUSING_MANAGER).first()
    if learning is None or manager is None or LearningReuse.objects.filter(learning=learning).exists():
        return
    other_cities = user_managed_city_ids(manager) - {demo.experiment.city_id}
    need = (
        DevelopmentNeed.objects.filter(platform__city_id__in=other_cities, status=NeedStatus.PUBLISHED)
        .select_related("platform")
        .order_by("pk")
        .first()
    )
    if need is not None:
        services.learning_reuse_into_need(learning=learning, need=need, reused_by=manager)
