"""Updates API under /api/v1/experiments/<slug>/: posts, comments and the person's own notification
preference, through the same selectors and services as the pages. Someone who may not see the
experiment (or the post) gets 404; someone lacking the right 403; a rule of a service 400."""

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import PermissionDeniedError
from kokeilu.experiments.api.groups import group_from_id
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_or_404

from .. import services
from ..models import Comment, Post, PostKind, PostLanguage
from ..selectors import comment_get, comment_list, post_get_visible, post_list_visible, preference_for

_NOT_FOUND = OpenApiResponse(description="No such experiment, post or comment, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You may see it but not do this.")
_REFUSED = OpenApiResponse(description="Refused by the rules; the error is under the field it concerns.")


def _user(request: Request) -> User:
    return cast(User, request.user)


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


class PostOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="story or announcement.")
    title = serializers.CharField()
    body = serializers.CharField(help_text="Plain text; line breaks are kept.")
    language = serializers.CharField(help_text="fi, sv or en: the language the post is written in.")
    audience = serializers.ChoiceField(choices=Audience.choices)
    group = serializers.IntegerField(source="group_id", allow_null=True)
    author = serializers.CharField()
    pinned = serializers.BooleanField(source="is_pinned")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PostInput(serializers.Serializer):
    kind = serializers.CharField(default=PostKind.STORY, help_text="story (default) or announcement.")
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    language = serializers.CharField(default=PostLanguage.FI, help_text="fi (default), sv or en.")
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.EXPERIMENT)
    group = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the group (audience=group)."
    )


class PostUpdateInput(serializers.Serializer):
    """Every field is optional. `pinned` is for the experiment's managers."""

    kind = serializers.CharField(required=False, help_text="story or announcement.")
    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(max_length=20000, required=False)
    language = serializers.CharField(required=False, help_text="fi, sv or en.")
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    group = serializers.IntegerField(required=False, allow_null=True)
    pinned = serializers.BooleanField(required=False)


class PostCommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField()
    body = serializers.SerializerMethodField(help_text="Empty when the comment is hidden (but for managers).")
    hidden = serializers.BooleanField(source="is_hidden")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_body(self, comment: Comment) -> str:
        if comment.is_hidden and not self.context["can_manage"]:
            return ""
        return comment.body


class PostCommentInput(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class PostCommentHideInput(serializers.Serializer):
    hidden = serializers.BooleanField(default=True)


class NotificationPreferenceSerializer(serializers.Serializer):
    """How often to e-mail about new posts of each kind: immediately, weekly (a digest on Mondays) or
    none. Without a saved choice announcements come immediately and stories weekly."""

    announcements = serializers.CharField(help_text="immediately, weekly or none.")
    stories = serializers.CharField(help_text="immediately, weekly or none.")


class PostListCreateApi(APIView):
    @extend_schema(
        operation_id="experiment_posts_list",
        responses={200: PostOutput(many=True), 404: _NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        posts = list(post_list_visible(experiment=experiment, access=access)[:200])
        return Response(PostOutput(posts, many=True).data)

    @extend_schema(
        operation_id="experiment_posts_create",
        request=PostInput,
        responses={201: PostOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
        serializer = PostInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        group = group_from_id(experiment, data.pop("group", None))
        post = services.post_create(experiment=experiment, author=_user(request), group=group, **data)
        return Response(PostOutput(post).data, status=status.HTTP_201_CREATED)


class PostDetailApi(APIView):
    @extend_schema(operation_id="experiment_posts_retrieve", responses={200: PostOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        return Response(PostOutput(_post_or_404(experiment, access, pk)).data)

    @extend_schema(
        operation_id="experiment_posts_update",
        request=PostUpdateInput,
        responses={200: PostOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        post = _post_or_404(experiment, access, pk)
        serializer = PostUpdateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        pinned = data.pop("pinned", None)
        if pinned is not None and not access.can_manage:
            raise PermissionDeniedError(_("Only the experiment's managers can pin posts."))
        if data:
            audience = data.get("audience", post.audience)
            if "group" in data:
                group = group_from_id(experiment, data["group"])
            else:
                group = post.group if audience == Audience.GROUP else None
            services.post_update(
                post=post,
                updated_by=_user(request),
                title=data.get("title", post.title),
                body=data.get("body", post.body),
                kind=data.get("kind", post.kind),
                language=data.get("language", post.language),
                audience=audience,
                group=group,
            )
        if pinned is not None:
            services.post_pin(post=post, pinned_by=_user(request), pinned=pinned)
        return Response(PostOutput(post).data)

    @extend_schema(
        operation_id="experiment_posts_destroy", responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def delete(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        services.post_delete(post=_post_or_404(experiment, access, pk), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostCommentListCreateApi(APIView):
    @extend_schema(
        operation_id="experiment_post_comments_list",
        responses={200: PostCommentOutput(many=True), 404: _NOT_FOUND},
    )
    def get(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        post = _post_or_404(experiment, access, pk)
        comments = comment_list(post=post, access=access)
        return Response(
            PostCommentOutput(comments, many=True, context={"can_manage": access.can_manage}).data
        )

    @extend_schema(
        operation_id="experiment_post_comments_create",
        request=PostCommentInput,
        responses={201: PostCommentOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        post = _post_or_404(experiment, access, pk)
        serializer = PostCommentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            post=post, author=_user(request), body=serializer.validated_data["body"]
        )
        return Response(
            PostCommentOutput(comment, context={"can_manage": access.can_manage}).data,
            status=status.HTTP_201_CREATED,
        )


class PostCommentDetailApi(APIView):
    @extend_schema(
        operation_id="experiment_post_comments_update",
        request=PostCommentInput,
        responses={200: PostCommentOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, pk: int, comment_pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        comment = _comment_or_404(_post_or_404(experiment, access, pk), access, comment_pk)
        serializer = PostCommentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_update(
            comment=comment, updated_by=_user(request), body=serializer.validated_data["body"]
        )
        return Response(PostCommentOutput(comment, context={"can_manage": access.can_manage}).data)

    @extend_schema(
        operation_id="experiment_post_comments_destroy",
        responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def delete(self, request: Request, slug: str, pk: int, comment_pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        comment = _comment_or_404(_post_or_404(experiment, access, pk), access, comment_pk)
        services.comment_delete(comment=comment, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostCommentHideApi(APIView):
    @extend_schema(
        operation_id="experiment_post_comments_hide",
        request=PostCommentHideInput,
        responses={200: PostCommentOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, pk: int, comment_pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
        comment = _comment_or_404(_post_or_404(experiment, access, pk), access, comment_pk)
        serializer = PostCommentHideInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_hide(
            comment=comment, hidden_by=_user(request), hidden=serializer.validated_data["hidden"]
        )
        return Response(PostCommentOutput(comment, context={"can_manage": True}).data)


class NotificationPreferenceApi(APIView):
    @extend_schema(
        operation_id="experiment_notification_preference_retrieve",
        responses={200: NotificationPreferenceSerializer, 404: _NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="view")
        return Response(
            NotificationPreferenceSerializer(preference_for(experiment=experiment, user=request.user)).data
        )

    @extend_schema(
        operation_id="experiment_notification_preference_update",
        request=NotificationPreferenceSerializer,
        responses={200: NotificationPreferenceSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="view")
        serializer = NotificationPreferenceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        preference = services.preference_set(experiment=experiment, user=_user(request), **data)
        return Response(
            NotificationPreferenceSerializer(
                {"announcements": preference.announcements, "stories": preference.stories}
            ).data
        )
