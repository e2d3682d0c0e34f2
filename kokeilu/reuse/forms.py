"""The "Reuse in my city" form of a learning page: one choice among the user's draft calls, open
development needs, and platforms to start a new need on, grouped under labels."""

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.platforms.models import NeedStatus

from .selectors import ReuseTargets

TARGET_VALUE = re.compile(r"^(call|need|platform)-([0-9]{1,18})$")


class ReuseTargetField(forms.ChoiceField):
    """The choices are what the user is offered; only the value's form is checked here. Whether the user
    may reuse into the target is the service's rule, so a target of another city answers 403 as in the
    API, and a call published a moment ago gets the service's message."""

    def valid_value(self, value: Any) -> bool:
        return bool(TARGET_VALUE.match(str(value)))


class ReuseForm(HdsFormMixin, forms.Form):
    target = ReuseTargetField(
        label=_("Where to copy the learning"),
        help_text=_(
            "The learning is added to the end of the description in each language it is written in, "
            "with its evidence and a link back here."
        ),
    )

    def __init__(self, *args: Any, targets: ReuseTargets | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "reuse")
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", _("Choose…"))]
        if targets is not None:
            if targets.calls:
                choices.append(
                    (
                        _("Calls in preparation"),
                        [
                            (f"call-{call.pk}", f"{call.title} ({call.platform.name})")
                            for call in targets.calls
                        ],
                    )
                )
            if targets.needs:
                choices.append(
                    (
                        _("Development needs"),
                        [
                            (
                                f"need-{need.pk}",
                                f"{need.title} ({need.platform.name}, {NeedStatus(need.status).label})",
                            )
                            for need in targets.needs
                        ],
                    )
                )
            if targets.platforms:
                choices.append(
                    (
                        _("A new draft development need"),
                        [
                            (
                                f"platform-{platform.pk}",
                                _("New need on %(platform)s") % {"platform": platform.name},
                            )
                            for platform in targets.platforms
                        ],
                    )
                )
        cast(forms.ChoiceField, self.fields["target"]).choices = choices

    def chosen_target(self) -> tuple[str, int]:
        """The chosen kind ("call", "need" or "platform") and id; call after is_valid()."""
        match = TARGET_VALUE.match(self.cleaned_data["target"])
        assert match is not None
        return match.group(1), int(match.group(2))
