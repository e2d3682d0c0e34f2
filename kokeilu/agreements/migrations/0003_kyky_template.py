"""The built-in agreement template: the KYKY contract model for testing a company's product in a school
or another unit of the city (Kokeilukulttuuri- ja yhteiskehittämismalli). Placeholders in double braces
are filled in when an agreement is drawn from it."""

from django.db import migrations

KEY = "kyky"

BODY_FI = """KOKEILUSOPIMUS: {{experiment}}

1. Osapuolet
Tämän sopimuksen osapuolet ovat {{city}} (jäljempänä kaupunki) ja {{partners}} (jäljempänä yritys).

2. Kokeilun tarkoitus ja kesto
Yritys testaa tuotettaan tai palveluaan kokeilussa "{{experiment}}" ajalla {{starts_on}}–{{ends_on}}. Kokeilu ei ole hankinta eikä velvoita kaupunkia hankkimaan tuotetta.

3. Testaaminen koulussa tai yksikössä
Testaus tehdään kaupungin osoittamissa kouluissa tai yksiköissä ({{test_sites}}) niiden arjen ehdoilla. Yksikön henkilöstö päättää, miten ja milloin oppilaat tai asiakkaat osallistuvat. Osallistuminen on vapaaehtoista, ja sen voi lopettaa milloin tahansa. Yritys noudattaa yksikön järjestyssääntöjä ja turvallisuusohjeita, eikä se markkinoi tuotteitaan oppilaille tai asiakkaille kokeilun aikana.

4. Tietojen käyttö ja tietosuoja
Yritys kerää vain kokeilun arvioinnin kannalta välttämättömiä tietoja. Henkilötietoja käsitellään EU:n tietosuoja-asetuksen mukaisesti; alaikäisten tietoja kerätään vain huoltajan suostumuksella. Kerätyt tiedot säilytetään EU:n alueella, niitä ei luovuteta kolmansille osapuolille, ja ne poistetaan tai anonymisoidaan viimeistään kolmen kuukauden kuluttua kokeilun päättymisestä. Jos yritys käsittelee henkilötietoja kaupungin lukuun, osapuolet tekevät erillisen käsittelysopimuksen.

5. Oikeudet tuloksiin
Tuotteen ja sen kehitystyön immateriaalioikeudet kuuluvat yritykselle. Kaupungilla on oikeus käyttää kokeilun tuloksia, palautetta ja raporttia omassa toiminnassaan ja julkaista niistä yhteenveto. Palaute, jonka oppilaat, henkilöstö tai asiakkaat antavat, on yrityksen käytettävissä tuotteen kehittämiseen.

6. Mitä yritys saa
Yritys saa kokeilusta testiympäristön, käyttäjäpalautetta ja kokeilun päätyttyä kirjallisen yhteenvedon. Onnistuneesta kokeilusta yritys voi käyttää kaupunkia referenssinä kertomalla kokeilusta tosiasioihin perustuen; kaupungin logon käyttö vaatii erillisen luvan.

7. Kustannukset
Kumpikin osapuoli vastaa omista kustannuksistaan, ellei toisin sovita. Kaupungin kokeilurahoitus ({{granted_amount}}) maksetaan kokeilun suunnitelman mukaisesti. Testaus on oppilaille, henkilöstölle ja asiakkaille maksutonta.

8. Sopimuksen voimassaolo
Sopimus tulee voimaan, kun kaikki osapuolet ovat hyväksyneet sen, ja on voimassa kokeilun ajan sekä kohtien 4 ja 5 osalta sen jälkeen. Kumpikin osapuoli voi keskeyttää kokeilun perustellusta syystä ilmoittamalla siitä kirjallisesti.
"""

BODY_SV = """FÖRSÖKSAVTAL: {{experiment}}

1. Parter
Parter i detta avtal är {{city}} (nedan staden) och {{partners}} (nedan företaget).

2. Försökets syfte och längd
Företaget testar sin produkt eller tjänst i försöket "{{experiment}}" under tiden {{starts_on}}–{{ends_on}}. Försöket är ingen upphandling och förpliktar inte staden att köpa produkten.

3. Testning i en skola eller enhet
Testningen görs i de skolor eller enheter som staden anvisar ({{test_sites}}) på deras vardagliga villkor. Enhetens personal beslutar hur och när elever eller kunder deltar. Deltagandet är frivilligt och kan avbrytas när som helst. Företaget följer enhetens ordningsregler och säkerhetsanvisningar och marknadsför inte sina produkter för elever eller kunder under försöket.

4. Användning av data och dataskydd
Företaget samlar endast in uppgifter som är nödvändiga för att utvärdera försöket. Personuppgifter behandlas enligt EU:s dataskyddsförordning; uppgifter om minderåriga samlas in endast med vårdnadshavarens samtycke. Uppgifterna förvaras inom EU, lämnas inte ut till tredje part och raderas eller anonymiseras senast tre månader efter att försöket avslutats. Om företaget behandlar personuppgifter för stadens räkning ingår parterna ett separat biträdesavtal.

5. Rätt till resultaten
De immateriella rättigheterna till produkten och dess utveckling tillhör företaget. Staden har rätt att använda försökets resultat, respons och rapport i sin egen verksamhet och att publicera en sammanfattning av dem. Respons från elever, personal eller kunder får användas av företaget för att utveckla produkten.

6. Vad företaget får
Företaget får en testmiljö, respons från användare och efter försöket en skriftlig sammanfattning. Efter ett lyckat försök kan företaget använda staden som referens genom att sakligt berätta om försöket; stadens logotyp får användas endast med separat tillstånd.

7. Kostnader
Var och en av parterna står för sina egna kostnader om inget annat avtalas. Stadens försöksfinansiering ({{granted_amount}}) betalas enligt försöksplanen. Testningen är avgiftsfri för elever, personal och kunder.

8. Avtalets giltighet
Avtalet träder i kraft när alla parter har godkänt det och gäller under försöket samt därefter i fråga om punkterna 4 och 5. Vardera parten kan avbryta försöket av grundad anledning genom att meddela det skriftligen.
"""

BODY_EN = """EXPERIMENT AGREEMENT: {{experiment}}

1. Parties
The parties to this agreement are {{city}} (the city) and {{partners}} (the company).

2. Purpose and duration of the experiment
The company tests its product or service in the experiment "{{experiment}}" from {{starts_on}} to {{ends_on}}. The experiment is not a procurement and does not oblige the city to buy the product.

3. Testing in a school or unit
Testing takes place in the schools or units the city names ({{test_sites}}) on the terms of their everyday work. The unit's staff decide how and when pupils or customers take part. Taking part is voluntary and can be stopped at any time. The company follows the unit's rules and safety instructions and does not market its products to pupils or customers during the experiment.

4. Use of data and privacy
The company collects only the data needed to evaluate the experiment. Personal data is processed under the EU General Data Protection Regulation; data on minors is collected only with a guardian's consent. The data is kept within the EU, is not disclosed to third parties, and is deleted or anonymised at the latest three months after the experiment ends. If the company processes personal data on the city's behalf, the parties make a separate data processing agreement.

5. Rights to the results
The intellectual property rights to the product and its development belong to the company. The city may use the experiment's results, feedback and report in its own work and publish a summary of them. Feedback given by pupils, staff or customers may be used by the company to develop the product.

6. What the company gets
The company gets a test environment, feedback from users and, after the experiment, a written summary. After a successful experiment the company may use the city as a reference by describing the experiment factually; using the city's logo needs separate permission.

7. Costs
Each party bears its own costs unless agreed otherwise. The city's experiment funding ({{granted_amount}}) is paid as set out in the experiment's plan. Testing is free of charge for pupils, staff and customers.

8. Duration of the agreement
The agreement comes into force when every party has accepted it and remains in force for the experiment and, for sections 4 and 5, after it. Either party may stop the experiment for a justified reason by notifying the other in writing.
"""


def create_template(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    AgreementTemplate.objects.update_or_create(
        key=KEY,
        city=None,
        defaults={
            "name_fi": "KYKY-kokeilusopimus (testaus koulussa tai yksikössä)",
            "name_sv": "KYKY-försöksavtal (testning i skola eller enhet)",
            "name_en": "KYKY experiment agreement (testing in a school or unit)",
            "body_fi": BODY_FI,
            "body_sv": BODY_SV,
            "body_en": BODY_EN,
        },
    )


def remove_template(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    AgreementTemplate.objects.filter(key=KEY, city=None).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_append_only_triggers")]

    operations = [migrations.RunPython(create_template, remove_template)]
