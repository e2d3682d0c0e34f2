"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments): Helsinki's
completed staff experiments (index 0–2) get an approved reference for their partner organisation, if the
experiment has one (none is created otherwise). The first one's company agreed to publish it."""

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentPartner, ExperimentStatus

from . import services
from .models import Reference

COMPLETED_STAFF_INDEXES = (0, 1, 2)


def _texts(partner: str, experiment: str) -> dict[str, str]:
    return {
        "text_fi": (
            f"{partner} toteutti kaupungin kanssa kokeilun ”{experiment}”. Yritys sitoutui kokeiluun, "
            "kehitti ratkaisuaan nopeasti henkilöstön ja asiakkaiden palautteen pohjalta ja piti "
            "aikataulunsa.\n\nYhteistyö oli sujuvaa ja avointa, ja kokeilusta syntyi käyttökelpoisia "
            "oppeja jatkokehitykseen. Suosittelemme yritystä kumppaniksi vastaaviin kokeiluihin."
        ),
        "text_sv": (
            f"{partner} genomförde försöket ”{experiment}” tillsammans med staden. Företaget var "
            "engagerat, utvecklade sin lösning snabbt utifrån personalens och kundernas respons och höll "
            "sin tidtabell.\n\nSamarbetet var smidigt och öppet, och försöket gav användbara lärdomar för "
            "den fortsatta utvecklingen. Vi rekommenderar företaget som partner i liknande försök."
        ),
        "text_en": (
            f"{partner} ran the experiment “{experiment}” with the city. The company was committed, "
            "improved its solution quickly on the feedback of staff and customers, and kept to its "
            "schedule.\n\nThe cooperation was smooth and open, and the experiment produced useful "
            "learnings for further development. We recommend the company as a partner for similar "
            "experiments."
        ),
    }


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind != "staff" or demo.index not in COMPLETED_STAFF_INDEXES:
        return
    experiment = demo.experiment
    if experiment.status != ExperimentStatus.COMPLETED:
        return
    partner = ExperimentPartner.objects.filter(experiment=experiment).order_by("role", "name").first()
    if partner is None or Reference.objects.filter(partner=partner).exists():
        return
    texts = _texts(partner.name, str(experiment.title_fi or experiment.title))
    reference = services.reference_create(
        experiment=experiment, partner=partner, drafted_by=demo.manager, **texts
    )
    services.reference_approve(reference=reference, approved_by=demo.manager)
    if demo.index == 0:
        services.reference_set_publication(reference=reference, recorded_by=demo.manager, agreed=True)
