"""Updates pages: the feed (public posts for anyone when the experiment is public), a post with its
comments, writing and editing posts and comments, the person's notification preference and the
unsubscribe link of the e-mails. Thin: the visibility gate is in selectors.py, the rules in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, experiment_get
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .forms import CommentForm, PostForm, PreferenceForm
from .models import Comment, Post
from .selectors import (
    comment_get,
    comment_list,
    post_get_visible,
    post_list_public,
    post_list_visible,
    preference_for,
)
from .tokens import unsubscribe_token_read

FEED_LIMIT = 100


def _post_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Post:
    post = post_get_visible(experiment=experiment, access=access, pk=pk)
    if post is None:
        raise Http404
    return post


def _comment_or_404(post: Post, access: ExperimentAccess, pk: int) -> Comment:
    comment = comment_get(post=post, access=access, pk=pk)
    if comment is None:
        raise Http404
    return comment


def _feed_page(
    request: HttpRequest, experiment: Experiment, access: ExperimentAccess, form: PostForm | None, status: int
) -> HttpResponse:
    posts = list(post_list_visible(experiment=experiment, access=access)[:FEED_LIMIT])
    if access.is_team and form is None:
        form = PostForm(experiment=experiment, initial={"language": (get_language() or "fi")[:2]})
    context = workspace_context(experiment, access, "updates", posts=posts, form=form)
    return render(request, "updates/feed.html", context, status=status)


def feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The feed: what the person may see; for outsiders of a public experiment, its public posts."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    return _feed_page(request, experiment, access, None, 200)


@login_required
@require_POST
def post_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = PostForm(request.POST, experiment=experiment)
    if form.is_valid():
        try:
            post = services.post_create(experiment=experiment, author=request.user, **form.cleaned_data)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The post “%(title)s” was published.") % {"title": post.title})
            return redirect("updates:post", slug=slug, pk=post.pk)
    return _feed_page(request, experiment, access, form, 400)


def _post_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    post: Post,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    context = workspace_context(
        experiment,
        access,
        "updates",
        post=post,
        comments=comment_list(post=post, access=access),
        comment_form=(comment_form or CommentForm()) if access.can_view else None,
        can_edit_post=access.can_manage or (access.is_team and post.author_id == user.pk),
    )
    return render(request, "updates/post.html", context, status=status)


def post_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    return _post_page(request, experiment, access, _post_or_404(experiment, access, pk))


@login_required
def post_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    post = _post_or_404(experiment, access, pk)
    if not (access.can_manage or post.author_id == request.user.pk):
        raise PermissionDenied
    initial = {name: getattr(post, name) for name in ("kind", "title", "body", "language", "audience")}
    form = PostForm(request.POST or None, experiment=experiment, initial={**initial, "group": post.group_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(post=post, updated_by=request.user, **form.cleaned_data)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The post was saved."))
            return redirect("updates:post", slug=slug, pk=post.pk)
    context = workspace_context(experiment, access, "updates", post=post, form=form)
    return render(request, "updates/post_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def post_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    post = _post_or_404(experiment, access, pk)
    try:
        services.post_delete(post=post, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The post was removed."))
    return redirect("updates:feed", slug=slug)


@login_required
@require_POST
def post_pin(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    post = _post_or_404(experiment, access, pk)
    pinned = request.POST.get("pinned") == "1"
    services.post_pin(post=post, pinned_by=request.user, pinned=pinned)
    messages.success(request, _("The post was pinned.") if pinned else _("The post was unpinned."))
    return redirect("updates:post", slug=slug, pk=post.pk)


@login_required
@require_POST
def comment_create(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    post = _post_or_404(experiment, access, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_create(post=post, author=request.user, body=form.cleaned_data["body"])
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(
                f"{reverse('updates:post', kwargs={'slug': slug, 'pk': post.pk})}#comment-{comment.pk}"
            )
    return _post_page(request, experiment, access, post, comment_form=form, status=400)


@login_required
def comment_edit(request: AuthenticatedHttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    post = _post_or_404(experiment, access, pk)
    comment = _comment_or_404(post, access, comment_pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(comment=comment, updated_by=request.user, body=form.cleaned_data["body"])
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your comment was saved."))
            return redirect("updates:post", slug=slug, pk=post.pk)
    context = workspace_context(experiment, access, "updates", post=post, comment=comment, form=form)
    return render(request, "updates/comment_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def comment_delete(request: AuthenticatedHttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    post = _post_or_404(experiment, access, pk)
    comment = _comment_or_404(post, access, comment_pk)
    try:
        services.comment_delete(comment=comment, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("Your comment was removed."))
    return redirect("updates:post", slug=slug, pk=post.pk)


@login_required
@require_POST
def comment_hide(request: AuthenticatedHttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    post = _post_or_404(experiment, access, pk)
    comment = _comment_or_404(post, access, comment_pk)
    hidden = request.POST.get("hidden", "1") == "1"
    services.comment_hide(comment=comment, hidden_by=request.user, hidden=hidden)
    messages.success(request, _("The comment was hidden.") if hidden else _("The comment is shown again."))
    return redirect("updates:post", slug=slug, pk=post.pk)


@login_required
def preferences(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The person's own notification preference for the experiment."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    form = PreferenceForm(
        request.POST or None, initial=preference_for(experiment=experiment, user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(experiment=experiment, user=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect("updates:preferences", slug=slug)
    context = workspace_context(experiment, access, "updates", form=form)
    return render(request, "updates/preferences.html", context, status=400 if form.errors else 200)


def unsubscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The link in every e-mail: no login needed; the signed token names the person and experiment.
    Opening it asks for confirmation (so a mail scanner following links changes nothing)."""
    experiment = experiment_get(slug=slug)
    found = unsubscribe_token_read(token)
    if experiment is None or found is None or found[1] != experiment.pk:
        raise Http404
    user = get_object_or_404(User, pk=found[0])
    done = False
    if request.method == "POST":
        services.preference_unsubscribe(experiment=experiment, user=user)
        done = True
    return render(request, "updates/unsubscribe.html", {"experiment": experiment, "done": done})


class PublicPostsFeed(Feed):
    """An Atom feed of a public experiment's public posts."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Experiment:  # type: ignore[override]
        experiment = experiment_get(slug=slug)
        if experiment is None or not experiment.is_public:
            raise Http404
        return experiment

    def title(self, experiment: Experiment) -> str:
        return str(experiment.title)

    def link(self, experiment: Experiment) -> str:
        return reverse("updates:feed", kwargs={"slug": experiment.slug})

    def subtitle(self, experiment: Experiment) -> str:
        return _("Public updates of the experiment")

    def items(self, experiment: Experiment) -> list[Post]:
        posts = list(post_list_public(experiment=experiment).order_by("-created_at")[:50])
        for post in posts:
            post.experiment = experiment
        return posts

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        # Atom summaries are HTML to feed readers: escape the plain text so it is shown as text.
        return linebreaks(item.body, autoescape=True)

    def item_link(self, item: Post) -> str:
        return reverse("updates:post", kwargs={"slug": item.experiment.slug, "pk": item.pk})

    def item_pubdate(self, item: Post) -> object:
        return item.created_at

    def item_updateddate(self, item: Post) -> object:
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return str(item.author)
