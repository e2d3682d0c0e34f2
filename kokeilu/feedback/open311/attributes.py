"""The attributes every service's definition has: the kind of feedback (required) and how satisfied the
person is (optional). They are the same for every producer so that the metrics compare like with like."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kokeilu.feedback.models import FeedbackKind

KIND = "KIND"
SATISFACTION = "SATISFACTION"


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str
    required: bool
    order: int
    description: str
    values: list[tuple[str, str]]
    variable: bool = True
    datatype_description: str | None = None

    @property
    def keys(self) -> set[str]:
        return {key for key, _name in self.values}

    def as_definition(self) -> dict:
        return {
            "variable": self.variable,
            "code": self.code,
            "datatype": self.datatype,
            "required": self.required,
            "datatype_description": self.datatype_description,
            "order": self.order,
            "description": self.description,
            "values": [{"key": key, "name": name} for key, name in self.values],
        }


def service_attributes() -> list[Attribute]:
    """In the active language."""
    satisfaction_names = {
        "1": _("1 – very dissatisfied"),
        "2": _("2 – dissatisfied"),
        "3": _("3 – neither satisfied nor dissatisfied"),
        "4": _("4 – satisfied"),
        "5": _("5 – very satisfied"),
    }
    return [
        Attribute(
            code=KIND,
            datatype="singlevaluelist",
            required=True,
            order=1,
            description=_("What kind of feedback is it?"),
            values=[(kind.value, str(kind.label)) for kind in FeedbackKind],
        ),
        Attribute(
            code=SATISFACTION,
            datatype="singlevaluelist",
            required=False,
            order=2,
            description=_("How satisfied are you with the service?"),
            values=list(satisfaction_names.items()),
        ),
    ]
