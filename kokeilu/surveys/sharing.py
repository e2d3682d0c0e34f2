"""The survey's shareable link, its QR code, and the per-browser "already answered" cookie.

The cookie is signed, so it cannot be forged into another survey's, but it is only a courtesy check:
anyone can clear their cookies or use another browser. Answers that must be one per person need signing
in (the survey then refuses anonymous answers)."""

import io

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation

from .models import Survey

COOKIE_SALT = "kokeilu.surveys.answered"
COOKIE_MAX_AGE = 365 * 24 * 3600


def link_path(survey: Survey, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or "fi"):
        return reverse("survey_links:answer", kwargs={"token": survey.token})


def link_url(request: HttpRequest, survey: Survey, language: str | None = None) -> str:
    return request.build_absolute_uri(link_path(survey, language))


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="svg", scale=10, border=4, xmldecl=True, title=url)
    return buffer.getvalue()


def _cookie_name(survey: Survey) -> str:
    return f"kokeilu_survey_{survey.pk}"


def answered_in_browser(request: HttpRequest, survey: Survey) -> bool:
    value = request.get_signed_cookie(_cookie_name(survey), default=None, salt=COOKIE_SALT)
    return value == "1"


def remember_answer(response: HttpResponse, survey: Survey) -> None:
    response.set_signed_cookie(
        _cookie_name(survey),
        "1",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
