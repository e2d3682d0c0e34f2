"""Helpers that let HTML forms show domain errors next to the field they belong to."""

from django import forms
from django.core.exceptions import ValidationError

from .exceptions import ApplicationError


def add_error_to_form(form: forms.BaseForm, error: Exception) -> None:
    """Attach a service's error to the form so the page re-renders with what the user typed."""
    if isinstance(error, ApplicationError):
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error.message))
    elif isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
    else:
        raise error
