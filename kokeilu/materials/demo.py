"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import Audience

from .models import Material
from .services import material_create


def tiny_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF showing `lines` (ASCII) in Helvetica."""
    text = "".join(
        f"({line.replace(chr(92), '').replace('(', '').replace(')', '')}) Tj T* " for line in lines
    )
    stream = f"BT /F1 12 Tf 14 TL 72 770 Td {text}ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _backdate(material: Material, when: datetime.datetime) -> None:
    Material.objects.filter(pk=material.pk).update(created_at=when, updated_at=when)


STAFF_LINKS = [
    ("Kokeilun kuvaus ja tavoitteet", "https://kokeilu.example.test/ohjeet/kokeilun-kuvaus"),
    ("Henkilöstön palautelomake", "https://kokeilu.example.test/lomakkeet/henkilosto-palaute"),
    ("Kokeiluviikon työvuorolista", "https://kokeilu.example.test/tyovuorot"),
]


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    experiment = demo.experiment
    if demo.kind == "koestamo":
        brief = material_create(
            experiment=experiment,
            created_by=demo.lead,
            title="Koestamon toimeksianto (brief)",
            description="Mitä testaamme Iso Omenan palvelutorilla, keiden kanssa ja miksi.\n"
            "Lue ennen aloitustyöpajaa.",
            audience=Audience.EXPERIMENT,
            file=SimpleUploadedFile(
                "koestamo-brief.txt",
                "Koestamo – toimeksianto\n\nTavoite: asukkaiden palautteen kerääminen palvelutorilla.\n"
                "Kesto: 3 kuukautta.\nTestaajat: 12 asukasta ja palvelutorin henkilöstö.\n".encode(),
            ),
        )
        _backdate(brief, demo.now - datetime.timedelta(days=20))
        plan = material_create(
            experiment=experiment,
            created_by=demo.lead,
            title="Testaussuunnitelma",
            description="Testikerrat, tehtävät ja arviointikriteerit.",
            audience=Audience.EXPERIMENT,
            file=SimpleUploadedFile(
                "testaussuunnitelma.pdf",
                tiny_pdf(
                    [
                        "Koestamo - testaussuunnitelma",
                        "1. Aloitustyopaja",
                        "2. Testikerrat palvelutorilla (4 kertaa)",
                        "3. Palautekysely ja loppuarviointi",
                    ]
                ),
            ),
        )
        _backdate(plan, demo.now - datetime.timedelta(days=14))
        consent = material_create(
            experiment=experiment,
            created_by=demo.manager,
            title="Suostumuslomakkeen malli",
            description="Testaajilta pyydettävän suostumuksen malli (tietosuoja ja valokuvat).",
            audience=Audience.EXPERIMENT,
            url="https://kokeilu.example.test/mallit/suostumuslomake",
        )
        _backdate(consent, demo.now - datetime.timedelta(days=10))
        testers = material_create(
            experiment=experiment,
            created_by=demo.lead,
            title="Ohjeet testaajille",
            description="Näin osallistut testikerroille: aikataulu, paikka ja yhteyshenkilö.",
            audience=Audience.GROUP,
            group=demo.groups["testers"],
            url="https://kokeilu.example.test/koestamo/testaajan-opas",
        )
        _backdate(testers, demo.now - datetime.timedelta(days=7))
        return
    # A staff experiment: its description for everyone in it and one link for the unit's staff.
    title, url = STAFF_LINKS[demo.index % len(STAFF_LINKS)]
    first = material_create(
        experiment=experiment,
        created_by=demo.lead,
        title=title,
        audience=Audience.EXPERIMENT,
        url=url,
    )
    _backdate(first, demo.now - datetime.timedelta(days=demo.random.randint(5, 20)))
    second = material_create(
        experiment=experiment,
        created_by=demo.lead,
        title="Aloituspalaverin muistio",
        description="Sovitut tehtävät ja seuraavat askeleet.",
        audience=Audience.GROUP,
        group=demo.groups["staff"],
        file=SimpleUploadedFile(
            "aloituspalaveri.pdf",
            tiny_pdf(["Aloituspalaverin muistio", "Tehtavat ja vastuuhenkilot", "Seuraava tapaaminen"]),
        ),
    )
    _backdate(second, demo.now - datetime.timedelta(days=demo.random.randint(1, 4)))
