"""Tester feedback: surveys of an experiment, their questions, and the responses people give.

A survey is addressed to an audience (`AudienceFields`): the experiment, one group, or the public, which
means anyone who has the survey's link. It moves draft → open → closed (and may be reopened); its
questions can be changed only while it is a draft, so every response answers the same questions.

A response holds one answer row per answered question (one row per chosen option of a multiple-choice
question), so results are counted by the database with a single grouped query.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import AudienceFields, Experiment


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# The allowed state changes, in one place. A closed survey can be reopened; nothing returns to draft,
# because the questions of a survey that has been answered must not change.
SURVEY_TRANSITIONS: dict[str, set[str]] = {
    SurveyState.DRAFT: {SurveyState.OPEN},
    SurveyState.OPEN: {SurveyState.CLOSED},
    SurveyState.CLOSED: {SurveyState.OPEN},
}


def new_link_token() -> str:
    """A random, unguessable token for the survey's shareable link."""
    return secrets.token_urlsafe(18)


class Survey(AudienceFields, BaseModel):
    """A questionnaire for an experiment's testers (or anyone with its link)."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="surveys"
    )
    title_fi = models.CharField(_("title (Finnish)"), max_length=200, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_fi = models.TextField(_("introduction (Finnish)"), blank=True, max_length=4000)
    intro_sv = models.TextField(_("introduction (Swedish)"), blank=True, max_length=4000)
    intro_en = models.TextField(_("introduction (English)"), blank=True, max_length=4000)
    state = models.CharField(
        _("state"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT
    )
    allow_anonymous = models.BooleanField(
        _("anonymous answers through the link"),
        default=False,
        help_text=_("Anyone with the link can answer without signing in (for a public survey)."),
    )
    one_answer_per_person = models.BooleanField(
        _("one answer per person"),
        default=True,
        help_text=_(
            "Signed-in people can answer once. Anonymous answers are limited to one per browser with a "
            "cookie, which a determined person can get around."
        ),
    )
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    title = Translated("title")
    intro = Translated("intro")

    class Meta(AudienceFields.Meta):
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]
        constraints = [
            *AudienceFields.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(title_fi="") | ~Q(title_sv="") | ~Q(title_en=""), name="survey_has_title"
            ),
            models.CheckConstraint(
                condition=Q(allow_anonymous=False) | Q(audience="public"),
                name="survey_anonymous_only_public",
            ),
            models.CheckConstraint(
                condition=Q(allow_anonymous=True) | Q(one_answer_per_person=True),
                name="survey_signed_in_one_answer",
            ),
        ]
        indexes = [models.Index(fields=["experiment", "state"], name="survey_experiment_state_idx")]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_past_closing_time(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()

    @property
    def accepts_answers(self) -> bool:
        """Open and not past its closing time."""
        return self.state == SurveyState.OPEN and not self.is_past_closing_time

    @property
    def effective_state(self) -> str:
        """The state people see: an open survey whose closing time has passed is closed, although its
        stored `state` (the state machine's) stays "open" until someone closes it by hand. No scheduled
        job is needed: the time is compared whenever the survey is read."""
        if self.state == SurveyState.OPEN and self.is_past_closing_time:
            return SurveyState.CLOSED
        return self.state

    def get_effective_state_display(self) -> str:
        return str(SurveyState(self.effective_state).label)


def accepting_answers_filter(*, prefix: str = "") -> Q:
    """The surveys that take answers now (`Survey.accepts_answers` as a query): open, and with no
    closing time or one still ahead."""
    return Q(**{f"{prefix}state": SurveyState.OPEN}) & (
        Q(**{f"{prefix}closes_at__isnull": True}) | Q(**{f"{prefix}closes_at__gt": timezone.now()})
    )


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating scale")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")
    NPS = "nps", _("Recommendation (NPS, 0–10)")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Question(BaseModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    text_fi = models.CharField(_("question (Finnish)"), max_length=500, blank=True)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    # Rating scale: 1..scale_max with a label at each end.
    scale_max = models.PositiveSmallIntegerField(
        _("highest rating"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    low_label_fi = models.CharField(_("label of the lowest rating (Finnish)"), max_length=100, blank=True)
    low_label_sv = models.CharField(_("label of the lowest rating (Swedish)"), max_length=100, blank=True)
    low_label_en = models.CharField(_("label of the lowest rating (English)"), max_length=100, blank=True)
    high_label_fi = models.CharField(_("label of the highest rating (Finnish)"), max_length=100, blank=True)
    high_label_sv = models.CharField(_("label of the highest rating (Swedish)"), max_length=100, blank=True)
    high_label_en = models.CharField(_("label of the highest rating (English)"), max_length=100, blank=True)
    # Multiple choice: how many options may or must be chosen.
    min_selections = models.PositiveSmallIntegerField(_("at least this many choices"), null=True, blank=True)
    max_selections = models.PositiveSmallIntegerField(_("at most this many choices"), null=True, blank=True)
    # Free text.
    max_length = models.PositiveIntegerField(
        _("maximum length"), default=1000, validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )

    text = Translated("text")
    low_label = Translated("low_label")
    high_label = Translated("high_label")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_fi="") | ~Q(text_sv="") | ~Q(text_en=""), name="survey_question_has_text"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gte=2) & Q(scale_max__lte=10), name="survey_question_scale_range"
            ),
            models.CheckConstraint(
                condition=Q(min_selections__isnull=True)
                | Q(max_selections__isnull=True)
                | Q(min_selections__lte=models.F("max_selections")),
                name="survey_question_selections_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.text)

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def scale(self) -> range:
        """The values a rating or NPS question accepts."""
        if self.kind == QuestionKind.NPS:
            return range(0, 11)
        return range(1, self.scale_max + 1)


class QuestionOption(BaseModel):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text_fi = models.CharField(_("option (Finnish)"), max_length=200, blank=True)
    text_sv = models.CharField(_("option (Swedish)"), max_length=200, blank=True)
    text_en = models.CharField(_("option (English)"), max_length=200, blank=True)

    text = Translated("text")

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_fi="") | ~Q(text_sv="") | ~Q(text_en=""), name="survey_option_has_text"
            )
        ]

    def __str__(self) -> str:
        return str(self.text)


class SurveyResponse(BaseModel):
    """One person's (or one anonymous browser's) answers to a survey.

    `respondent_key` is set when the survey takes one answer per person and the respondent is signed in
    ("user:<id>"); the unique constraint then holds even under concurrent submissions. Anonymous
    responses carry no identity at all."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    respondent_key = models.CharField(max_length=40, null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=2, default="fi")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=Q(respondent_key__isnull=False),
                name="survey_response_one_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """One answered question of a response; a multiple-choice answer has one row per chosen option."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        QuestionOption, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "number"], name="survey_answer_question_idx")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number or self.option_id or self.text[:20]}"
