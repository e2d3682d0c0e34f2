"""The one way the workspace APIs read a participant group named by id in a request."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from kokeilu.experiments.models import Experiment, ParticipantGroup


def group_from_id(experiment: Experiment, group_id: int | None) -> ParticipantGroup | None:
    """The experiment's group with this id (None for no id); any other id is an input error under
    `group`, so content is never addressed to another experiment's group."""
    if group_id is None:
        return None
    group = ParticipantGroup.objects.filter(experiment=experiment, pk=group_id).first()
    if group is None:
        raise serializers.ValidationError({"group": [_("The group is not one of this experiment's groups.")]})
    return group
