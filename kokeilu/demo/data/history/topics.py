"""The experiments of the demo's programme history and what was learned from them.

Each topic is a selected proposal that became an experiment; the finished ones end in an approved final
report with its learnings. Every organisation and number is invented; the services are typical of Finnish
cities (libraries, school meals, home care, youth work, sports, snow clearing, …).
"""

from kokeilu.reports.models import NextStep

from ..types import Text
from .espoo_iso_omena import ESPOO_ISO_OMENA
from .espoo_kyky import ESPOO_KYKY
from .helsinki_open import HELSINKI_OPEN
from .helsinki_staff import HELSINKI_STAFF
from .types import TopicSpec

TOPICS: tuple[TopicSpec, ...] = HELSINKI_STAFF + HELSINKI_OPEN + ESPOO_ISO_OMENA + ESPOO_KYKY
TOPICS_BY_KEY: dict[str, TopicSpec] = {topic.key: topic for topic in TOPICS}

# Internal learnings some teams also wrote down: never published (the reports' publication rule).
INTERNAL_LEARNINGS: tuple[tuple[str, str], ...] = (
    (
        "Kumppanin yhteyshenkilö vaihtui kesken kokeilun, ja aikataulu venyi kolmella viikolla",
        "Tiimin oma arvio loppupalaverissa.",
    ),
    (
        "Tietosuojan vaikutustenarviointi olisi pitänyt aloittaa jo ennen hakemusta",
        "Arviointi valmistui vasta kokeilun kolmannella viikolla; tiimin oma havainto.",
    ),
    ("Yksikön esihenkilön vaihdos hidasti päätöksiä", "Koskee yhden yksikön tilannetta; ei julkaista."),
    (
        "Hankintaohjeen tulkinta vaati lakimiehen lausunnon",
        "Lausunnon saaminen kesti kaksi viikkoa; sisäinen havainto.",
    ),
    (
        "Henkilöstön epäluulo johtui samaan aikaan käydyistä muutosneuvotteluista, ei ratkaisusta",
        "Henkilöstöhaastattelut; luottamuksellinen.",
    ),
    ("Tilavuokrat unohtuivat budjetista", "Ylitys katettiin yksikön omasta budjetista; talouden seuranta."),
    (
        "Tiimin työaikaa ei ollut varattu kokeilulle riittävästi",
        "Tuntikirjaukset: suunnitellusta ajasta toteutui 60 %.",
    ),
    (
        "Toimittajan sopimusneuvottelut veivät kolme viikkoa kokeiluajasta",
        "Sopimusasiakirjat; sisäinen havainto.",
    ),
)

# The opening sentence of a final report's summary, by its decision on what next.
SUMMARY_OPENINGS: dict[str, Text] = {
    NextStep.ADOPT: Text(
        "Kokeilu onnistui, ja toimintatapa otetaan pysyvään käyttöön.",
        "Försöket lyckades, och arbetssättet tas i permanent bruk.",
        "The experiment succeeded, and the way of working is adopted permanently.",
    ),
    NextStep.SCALE: Text(
        "Kokeilu onnistui, ja se laajennetaan uusiin yksiköihin.",
        "Försöket lyckades och utvidgas till fler enheter.",
        "The experiment succeeded and is being extended to more units.",
    ),
    NextStep.ITERATE: Text(
        "Kokeilu antoi lupaavia tuloksia, mutta ratkaisua kokeillaan vielä uudelleen muutettuna.",
        "Försöket gav lovande resultat, men lösningen prövas ännu en gång i ändrad form.",
        "The experiment gave promising results, but the solution will be tried again in a changed form.",
    ),
    NextStep.PROCURE: Text(
        "Kokeilu vahvisti tarpeen, ja ratkaisu kilpailutetaan.",
        "Försöket bekräftade behovet, och lösningen upphandlas.",
        "The experiment confirmed the need, and the solution will be put out to tender.",
    ),
    NextStep.STOP: Text(
        "Kokeilua ei jatketa, koska ratkaisu ei toiminut odotetulla tavalla.",
        "Försöket fortsätter inte, eftersom lösningen inte fungerade som väntat.",
        "The experiment will not continue, as the solution did not work as hoped.",
    ),
}
