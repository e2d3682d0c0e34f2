"""Serializers of the experiments API (named uniquely: they become schema components)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kokeilu.experiments.models import ExperimentStatus, MemberRole, PartnerRole, ServiceSector


class ExperimentListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    city = serializers.CharField(source="city.name")
    call = serializers.SlugField(source="call.slug", allow_null=True, default=None)
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ExperimentStatus.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    is_public = serializers.BooleanField()


class ExperimentPartnerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=PartnerRole.choices)
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)


class ExperimentAccessOutput(serializers.Serializer):
    """What the requesting person may do here."""

    role = serializers.CharField(allow_null=True)
    can_view = serializers.BooleanField()
    is_team = serializers.BooleanField()
    can_manage = serializers.BooleanField()
    is_city_manager = serializers.BooleanField()


class ExperimentDetailOutput(ExperimentListOutput):
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    summary = serializers.CharField()
    summary_fi = serializers.CharField()
    summary_sv = serializers.CharField()
    summary_en = serializers.CharField()
    sector = serializers.ChoiceField(
        choices=ServiceSector.choices, allow_blank=True, help_text="The city service sector; blank: not set."
    )
    proposal = serializers.IntegerField(source="proposal_id", allow_null=True)
    is_staff_experiment = serializers.BooleanField()


class ExperimentWorkspaceOutput(ExperimentDetailOutput):
    """The whole experiment as its members see it."""

    team_description = serializers.CharField()
    schedule_notes = serializers.CharField()
    granted_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    owner_unit = serializers.IntegerField(source="owner_unit_id", allow_null=True)
    partners = ExperimentPartnerOutput(many=True, source="partners.all")
    access = serializers.SerializerMethodField()

    @extend_schema_field(ExperimentAccessOutput)
    def get_access(self, experiment: object) -> dict[str, Any]:
        access = self.context["access"]
        return ExperimentAccessOutput(access).data


class ExperimentUpdateInput(serializers.Serializer):
    """Every field optional; the grant, publicity and unit only for the city's programme managers."""

    title_fi = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_sv = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=200)
    summary_fi = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    summary_sv = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    summary_en = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    team_description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    schedule_notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    sector = serializers.ChoiceField(
        choices=ServiceSector.choices, required=False, allow_blank=True, help_text="Blank: not set."
    )
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    granted_amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False)
    is_public = serializers.BooleanField(required=False)


class ExperimentCreateInput(ExperimentUpdateInput):
    city = serializers.SlugField(help_text="Slug of a city you manage.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class ExperimentFromProposalInput(serializers.Serializer):
    proposal = serializers.IntegerField(help_text="Id of a selected proposal of a call of a city you manage.")
    starts_on = serializers.DateField(required=False, help_text="Today when left out.")


class ExperimentTransitionInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ExperimentStatus.choices)


class ExperimentMemberOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.__str__")
    role = serializers.ChoiceField(choices=MemberRole.choices)
    partner = serializers.IntegerField(source="partner_id", allow_null=True)
    groups = serializers.SerializerMethodField()

    def get_groups(self, member: object) -> list[int]:
        """Ids of the member's groups."""
        return sorted(group.pk for group in member.groups.all())  # type: ignore[attr-defined]


class ExperimentMemberRoleInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices)


class ParticipantGroupOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    members = serializers.SerializerMethodField()

    def get_members(self, group: object) -> list[int]:
        """Ids of the group's members (experiment member ids)."""
        return sorted(member.pk for member in group.members.all())  # type: ignore[attr-defined]


class ParticipantGroupInput(serializers.Serializer):
    name_fi = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")
    name_sv = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")
    name_en = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    members = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Experiment member ids; replaces the list.",
    )


class InvitationInput(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.TESTER)
    group = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of a group of the experiment."
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class InvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=MemberRole.choices)
    group = serializers.IntegerField(source="group_id", allow_null=True)
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class InvitationAcceptInput(serializers.Serializer):
    token = serializers.CharField(help_text="The token from the invitation link.")
