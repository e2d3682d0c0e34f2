import pytest

from kokeilu.updates import demo
from kokeilu.updates.models import Comment, Post
from tests.materials.test_demo import build

pytestmark = pytest.mark.django_db


def test_koestamo_demo_posts_in_three_languages_with_comments_and_a_public_story(
    experiment, programme_manager, experiment_lead, team_member, tester, testers_group
):
    demo.seed(
        build(
            experiment, "koestamo", 0, programme_manager, experiment_lead, team_member, tester, testers_group
        )
    )
    posts = Post.objects.filter(experiment=experiment)
    assert set(posts.values_list("language", flat=True)) == {"fi", "sv", "en"}
    assert set(posts.values_list("kind", flat=True)) == {"story", "announcement"}
    assert posts.filter(audience="public", kind="story").count() == 1
    assert posts.filter(pinned_at__isnull=False).count() == 1
    assert Comment.objects.filter(post__experiment=experiment).count() >= 4


def test_staff_demo_has_a_kickoff_post(
    experiment, programme_manager, experiment_lead, team_member, tester, testers_group
):
    demo.seed(
        build(experiment, "staff", 3, programme_manager, experiment_lead, team_member, tester, testers_group)
    )
    post = Post.objects.get(experiment=experiment)
    assert post.title == "Kokeilu käynnistyy" and post.comments.count() == 1
