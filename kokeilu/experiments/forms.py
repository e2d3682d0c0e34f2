from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.forms_rendering import HdsFormMixin

from .models import Experiment, ExperimentMember, ExperimentPartner, MemberRole, ParticipantGroup


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


TEXT_FIELDS = ["title_fi", "title_sv", "title_en", "summary_fi", "summary_sv", "summary_en"]


FORM_FIELDS = [
    *TEXT_FIELDS,
    "sector",
    "team_description",
    "schedule_notes",
    "starts_on",
    "ends_on",
    "granted_amount",
    "owner_unit",
    "is_public",
]


class ExperimentForm(HdsFormMixin, forms.ModelForm):
    """The experiment's description and schedule; the grant, unit and publicity for the city's managers."""

    class Meta:
        model = Experiment
        fields = FORM_FIELDS
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, city: Organisation, is_city_manager: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_fi"].required = False
        cast(Any, self.fields["owner_unit"]).queryset = Organisation.objects.filter(city=city).order_by(
            "name"
        )
        if not is_city_manager:
            for name in ("granted_amount", "owner_unit", "is_public"):
                del self.fields[name]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class StaffExperimentForm(ExperimentForm):
    """A staff experiment: started without a call by a city's programme manager."""

    city = forms.ModelChoiceField(label=_("City"), queryset=Organisation.objects.none())

    field_order = ["city"]

    def __init__(self, *args: Any, cities: Any, **kwargs: Any) -> None:
        first_city = cities.first()
        super().__init__(*args, city=first_city, is_city_manager=True, **kwargs)
        cast(Any, self.fields["city"]).queryset = cities
        cast(Any, self.fields["owner_unit"]).queryset = Organisation.objects.filter(city__in=cities).order_by(
            "name"
        )
        if cities.count() == 1:
            self.fields["city"].initial = first_city


class FromProposalForm(HdsFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())


class StatusForm(HdsFormMixin, forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)


class GroupForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ["name_fi", "name_sv", "name_en", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMembersForm(HdsFormMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members of the group"),
        queryset=ExperimentMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["members"]).queryset = ExperimentMember.objects.filter(
            experiment=experiment
        ).select_related("user")


class InvitationForm(HdsFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.TESTER)
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=ParticipantGroup.objects.none(), required=False, empty_label=_("No group")
    )
    message = forms.CharField(
        label=_("Message"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["group"]).queryset = ParticipantGroup.objects.filter(experiment=experiment)


class MemberRoleForm(HdsFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class PartnerForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = ExperimentPartner
        fields = ["name", "role", "contact_email"]
