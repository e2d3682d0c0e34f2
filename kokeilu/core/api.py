"""Shared pieces of the DRF layer."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ApplicationError, PermissionDeniedError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn domain errors into the same JSON shape DRF uses for validation errors."""
    if isinstance(exc, PermissionDeniedError):
        exc = exceptions.PermissionDenied(str(exc.message))
    elif isinstance(exc, ApplicationError):
        key = exc.field or "detail"
        data = {key: [str(exc.message)]} if exc.field else {"detail": str(exc.message), "code": exc.code}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, DjangoValidationError):
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
