"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Posts are written in one language each (the post's `language`), so Koestamo has posts in Finnish,
Swedish and English; the staff experiments get a Finnish kick-off post."""

import datetime

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import Audience

from .models import Comment, Post, PostKind
from .services import comment_create, post_create, post_pin


def _backdate(post: Post, when: datetime.datetime) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=when, updated_at=when)


def _backdate_comments(post: Post, when: datetime.datetime) -> None:
    for offset, comment in enumerate(Comment.objects.filter(post=post).order_by("pk")):
        stamp = when + datetime.timedelta(hours=2 + offset * 3)
        Comment.objects.filter(pk=comment.pk).update(created_at=stamp, updated_at=stamp)


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    experiment = demo.experiment
    someone = demo.team[0] if demo.team else demo.lead
    if demo.kind != "koestamo":
        kickoff = post_create(
            experiment=experiment,
            author=demo.lead,
            kind=PostKind.ANNOUNCEMENT,
            language="fi",
            audience=Audience.EXPERIMENT,
            title="Kokeilu käynnistyy",
            body="Hei kaikki!\n\nKokeilumme alkaa tällä viikolla. Aloituspalaverin muistio ja ohjeet "
            "löytyvät materiaaleista.\nKerro kommenteissa, jos jokin on epäselvää.",
        )
        _backdate(kickoff, demo.now - datetime.timedelta(days=demo.random.randint(3, 10)))
        comment_create(post=kickoff, author=someone, body="Kiitos, hyvä alku! Aloitan maanantaina.")
        _backdate_comments(kickoff, demo.now - datetime.timedelta(days=2))
        return

    tester = demo.testers[0] if demo.testers else someone
    welcome = post_create(
        experiment=experiment,
        author=demo.lead,
        kind=PostKind.ANNOUNCEMENT,
        language="fi",
        audience=Audience.EXPERIMENT,
        title="Tervetuloa Koestamoon!",
        body="Koestamo alkaa aloitustyöpajalla Iso Omenan palvelutorilla.\n\n"
        "Testaussuunnitelma ja suostumuslomakkeen malli ovat materiaaleissa.\n"
        "Ilmoittaudu työpajaan tapahtumissa.",
    )
    _backdate(welcome, demo.now - datetime.timedelta(days=18))
    post_pin(post=welcome, pinned_by=demo.manager, pinned=True)
    comment_create(post=welcome, author=someone, body="Hienoa! Tuon työpajaan myös esitteet.")
    comment_create(post=welcome, author=tester, body="Onko työpajaan esteetön kulku?")
    comment_create(post=welcome, author=demo.lead, body="On: hissi palvelutorin sisäänkäynnin vieressä.")
    _backdate_comments(welcome, demo.now - datetime.timedelta(days=18))

    story = post_create(
        experiment=experiment,
        author=someone,
        kind=PostKind.STORY,
        language="fi",
        audience=Audience.PUBLIC,
        title="Ensimmäinen testipäivä palvelutorilla",
        body="Asukkaat testasivat uutta palautepistettä ensimmäistä kertaa.\n\n"
        "Yli 40 kävijää jätti palautteen, ja moni toivoi pistettä myös kirjaston puolelle.",
    )
    _backdate(story, demo.now - datetime.timedelta(days=9))
    comment_create(post=story, author=tester, body="Mukava päivä, palautepiste oli helppo käyttää.")
    _backdate_comments(story, demo.now - datetime.timedelta(days=9))

    swedish = post_create(
        experiment=experiment,
        author=demo.lead,
        kind=PostKind.ANNOUNCEMENT,
        language="sv",
        audience=Audience.EXPERIMENT,
        title="Nästa testtillfälle på torsdag",
        body="Vi ses vid servicetorget på torsdag kl. 14.\nTa gärna med en vän som vill testa.",
    )
    _backdate(swedish, demo.now - datetime.timedelta(days=5))

    english = post_create(
        experiment=experiment,
        author=demo.lead,
        kind=PostKind.STORY,
        language="en",
        audience=Audience.GROUP,
        group=demo.groups["testers"],
        title="Thank you, testers: what we learnt in week two",
        body="Your answers showed that the feedback screen was too high for wheelchair users.\n"
        "We lowered it for the next session - please tell us how it feels now.",
    )
    _backdate(english, demo.now - datetime.timedelta(days=2))
    comment_create(post=english, author=tester, body="Much better now, thanks!")
    _backdate_comments(english, demo.now - datetime.timedelta(days=2))
