"""The service code list: every code a client-data extract may carry, and the sector it belongs to.

The codes are Kokeilu's own (a city maps its source systems' codes to them when it builds an extract); they
cover the sectors of Espoo's service-path experiment: health care, early-childhood education, employment
services, social care, mental-health and substance services, and child welfare. docs/analytics/codes.md
lists them for people; this module is the authority.

A person's state in a period is the sector of the most intensive service they used in it. Sectors are
ranked, and the highest-ranked sector with any contact in the period wins; "no contact" is state 0. The
ranking puts protective and crisis services above routine ones, so that a period with one child-welfare
placement and five health-centre visits reads as a child-welfare period.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_CONTACT = "no_contact"
# State number = rank: a higher number wins when a period has contacts in several sectors.
SECTORS: tuple[str, ...] = (
    "health",
    "early_childhood_education",
    "employment",
    "social_care",
    "mental_health_substance",
    "child_welfare",
)
STATES: tuple[str, ...] = (NO_CONTACT, *SECTORS)
STATE_NUMBER = {state: number for number, state in enumerate(STATES)}
SECTOR_NAMES_EN = {
    NO_CONTACT: "No contact",
    "health": "Health care",
    "early_childhood_education": "Early-childhood education",
    "employment": "Employment services",
    "social_care": "Social care",
    "mental_health_substance": "Mental-health and substance services",
    "child_welfare": "Child welfare",
}


@dataclass(frozen=True)
class ServiceCode:
    code: str
    sector: str
    name_en: str
    name_fi: str
    # Who the service is for, so the generator draws plausible codes: "preschool" (0–6), "school" (7–17),
    # "child" (0–17), "adult" (18+) or "any".
    audience: str = "any"


SERVICE_CODES: tuple[ServiceCode, ...] = (
    # Health care
    ServiceCode("TH01", "health", "Health-centre doctor's appointment", "Terveysaseman lääkärikäynti"),
    ServiceCode("TH02", "health", "Health-centre nurse's appointment", "Terveysaseman hoitajakäynti"),
    ServiceCode("TH03", "health", "Oral health care", "Suun terveydenhuolto"),
    ServiceCode("TH04", "health", "Maternity clinic", "Äitiysneuvola", "adult"),
    ServiceCode("TH05", "health", "Child health clinic", "Lastenneuvola", "preschool"),
    ServiceCode("TH06", "health", "School health care", "Kouluterveydenhuolto", "school"),
    ServiceCode("TH07", "health", "Emergency department", "Päivystys"),
    ServiceCode("TH08", "health", "Specialist outpatient care", "Erikoissairaanhoidon avohoito"),
    # Early-childhood education
    ServiceCode("VK01", "early_childhood_education", "Day-care centre", "Päiväkotihoito", "preschool"),
    ServiceCode("VK02", "early_childhood_education", "Family day care", "Perhepäivähoito", "preschool"),
    ServiceCode("VK03", "early_childhood_education", "Pre-primary education", "Esiopetus", "preschool"),
    ServiceCode(
        "VK04",
        "early_childhood_education",
        "Special support in early-childhood education",
        "Varhaiskasvatuksen erityinen tuki",
        "preschool",
    ),
    # Employment services
    ServiceCode(
        "TY01", "employment", "Employment-services interview", "Työvoimapalvelujen haastattelu", "adult"
    ),
    ServiceCode("TY02", "employment", "Rehabilitative work activity", "Kuntouttava työtoiminta", "adult"),
    ServiceCode("TY03", "employment", "Pay-subsidised work", "Palkkatuettu työ", "adult"),
    ServiceCode("TY04", "employment", "Youth workshop", "Nuorten työpaja", "adult"),
    ServiceCode(
        "TY05",
        "employment",
        "Multi-sectoral joint service for employment",
        "Työllistymistä edistävä monialainen yhteispalvelu",
        "adult",
    ),
    # Social care
    ServiceCode(
        "SO01", "social_care", "Adult social work appointment", "Aikuissosiaalityön tapaaminen", "adult"
    ),
    ServiceCode(
        "SO02", "social_care", "Supplementary social assistance", "Täydentävä toimeentulotuki", "adult"
    ),
    ServiceCode("SO03", "social_care", "Housing services", "Asumispalvelut", "adult"),
    ServiceCode("SO04", "social_care", "Disability services", "Vammaispalvelut"),
    ServiceCode("SO05", "social_care", "Home care", "Kotihoito", "adult"),
    ServiceCode("SO06", "social_care", "Family social work", "Lapsiperheiden sosiaalityö"),
    # Mental-health and substance services
    ServiceCode(
        "MT01", "mental_health_substance", "Mental-health nurse", "Mielenterveyshoitajan vastaanotto"
    ),
    ServiceCode("MT02", "mental_health_substance", "Psychiatric outpatient care", "Psykiatrinen avohoito"),
    ServiceCode("MT03", "mental_health_substance", "Psychiatric inpatient care", "Psykiatrinen osastohoito"),
    ServiceCode(
        "PA01",
        "mental_health_substance",
        "Substance-abuse outpatient care",
        "Päihdehuollon avohoito",
        "adult",
    ),
    ServiceCode(
        "PA02",
        "mental_health_substance",
        "Opioid substitution treatment",
        "Opioidikorvaushoito",
        "adult",
    ),
    ServiceCode("PA03", "mental_health_substance", "Detoxification", "Katkaisuhoito", "adult"),
    # Child welfare
    ServiceCode("LS01", "child_welfare", "Child-welfare notification", "Lastensuojeluilmoitus", "child"),
    ServiceCode(
        "LS02", "child_welfare", "Child-welfare needs assessment", "Palvelutarpeen arviointi", "child"
    ),
    ServiceCode("LS03", "child_welfare", "Open-care support measure", "Avohuollon tukitoimi", "child"),
    ServiceCode("LS04", "child_welfare", "Family work", "Perhetyö", "child"),
    ServiceCode("LS05", "child_welfare", "Emergency placement", "Kiireellinen sijoitus", "child"),
    ServiceCode("LS06", "child_welfare", "Substitute care", "Sijaishuolto", "child"),
    ServiceCode("LS07", "child_welfare", "Aftercare", "Jälkihuolto", "any"),
)

CODES_BY_KEY = {service.code: service for service in SERVICE_CODES}


def sector_of(code: str) -> str:
    """The sector of a service code; KeyError for a code not on the list."""
    return CODES_BY_KEY[code].sector


def state_number_by_code() -> dict[str, int]:
    """Service code → state number (the rank of its sector)."""
    return {service.code: STATE_NUMBER[service.sector] for service in SERVICE_CODES}


AUDIENCES_BY_AGE_GROUP = {
    "preschool": ("any", "child", "preschool"),
    "school": ("any", "child", "school"),
    "adult": ("any", "adult"),
}


def codes_in_sector(sector: str, age_group: str | None = None) -> list[str]:
    """Codes of a sector, optionally only those a person of the age group ("preschool", "school", "adult")
    can receive."""
    return [
        service.code
        for service in SERVICE_CODES
        if service.sector == sector
        and (age_group is None or service.audience in AUDIENCES_BY_AGE_GROUP[age_group])
    ]


def markdown_table() -> str:
    """The code list as a Markdown table (docs/analytics/codes.md is generated from this)."""
    lines = ["| code | sector | service (English) | palvelu (suomeksi) | for |", "|---|---|---|---|---|"]
    for service in SERVICE_CODES:
        lines.append(
            f"| {service.code} | {SECTOR_NAMES_EN[service.sector]} | {service.name_en} | "
            f"{service.name_fi} | {service.audience} |"
        )
    return "\n".join(lines)
