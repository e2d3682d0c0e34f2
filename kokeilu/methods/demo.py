"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments): every demo
experiment is tagged with one to three built-in methods. Koestamo used the HAPPYMOOR tools (workshops,
interviews, storytelling); the staff experiments get a deterministic choice."""

from kokeilu.demo.experiments_context import DemoExperiment

from . import services
from .models import ExperimentMethod, Method

KOESTAMO_METHODS = ("workshop", "interviews", "storytelling")
# The rapid experiment is what every staff experiment is; one or two more methods are drawn for each.
STAFF_EXTRA_METHODS = (
    "concept-fair",
    "workshop",
    "interviews",
    "storytelling",
    "ethnographic-observation",
    "service-design",
)


def seed(demo: DemoExperiment) -> None:
    """Tag the experiment with its methods (through the service, as the experiment's manager)."""
    if ExperimentMethod.objects.filter(experiment=demo.experiment).exists():
        return
    if demo.kind == "koestamo":
        slugs = list(KOESTAMO_METHODS)
    else:
        slugs = ["rapid-experiment", *demo.random.sample(STAFF_EXTRA_METHODS, 1 + demo.index % 2)]
    methods = list(Method.objects.filter(city__isnull=True, slug__in=slugs))
    services.experiment_methods_set(experiment=demo.experiment, methods=methods, set_by=demo.manager)
