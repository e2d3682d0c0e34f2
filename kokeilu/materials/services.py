"""Writes of materials. The experiment's team (managers, leads, team members, partner representatives)
adds, changes and removes materials; files are checked by kokeilu.core.uploads and stored privately."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.uploads import ATTACHMENT_CONTENT_TYPES, check_upload, clean_file_name
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup
from kokeilu.experiments.selectors import audience_filter, experiment_access
from kokeilu.experiments.services import require_team

from .models import Material, MaterialKind

# Every format kokeilu.core.uploads can verify by its content signature: documents, spreadsheets,
# presentations (OOXML and ODF), PDF, PNG/JPEG pictures, plain text and CSV.
MATERIAL_CONTENT_TYPES = ATTACHMENT_CONTENT_TYPES
# Materials (test plans, slides, pictures) may be larger than a proposal's attachments.
MATERIAL_MAX_BYTES = 20 * 1024 * 1024

_url_validator = URLValidator(schemes=["http", "https"])


def clean_link(url: str) -> str:
    """An absolute http(s) address; javascript:, data:, file: and every other scheme are refused."""
    url = (url or "").strip()
    try:
        _url_validator(url)
    except ValidationError:
        raise ApplicationError(
            _("Enter a full web address that starts with https:// or http://."), field="url"
        ) from None
    if len(url) > 1000:
        raise ApplicationError(_("The web address is too long."), field="url")
    return url


def _clean_audience(
    *, experiment: Experiment, audience: str, group: ParticipantGroup | None
) -> ParticipantGroup | None:
    if audience not in Audience.values:
        raise ApplicationError(_("Choose who may see this."), field="audience")
    if audience == Audience.GROUP:
        if group is None:
            raise ApplicationError(_("Choose the group."), field="group")
        if group.experiment_id != experiment.pk:
            raise ApplicationError(_("The group is not one of this experiment's groups."), field="group")
        return group
    return None


def _require_visible(user: User, material: Material) -> None:
    access = experiment_access(user=user, experiment=material.experiment)
    if not Material.objects.filter(pk=material.pk).filter(audience_filter(access)).exists():
        raise PermissionDeniedError(_("You cannot see this material."))


def _check_text(title: str, description: str) -> None:
    if not title:
        raise ApplicationError(_("Give the material a title."), field="title")
    if len(title) > 200:
        raise ApplicationError(_("The title can be at most 200 characters long."), field="title")
    if len(description) > 4000:
        raise ApplicationError(_("The description can be at most 4000 characters long."), field="description")


def _store(material: Material, file: UploadedFile, name: str) -> str:
    file.seek(0)
    material.file.save(name, file, save=False)
    return material.file.name or ""


def material_create(
    *,
    experiment: Experiment,
    created_by: User,
    title: str,
    description: str = "",
    audience: str = Audience.EXPERIMENT,
    group: ParticipantGroup | None = None,
    file: UploadedFile | None = None,
    url: str = "",
) -> Material:
    """Share a file or a link (exactly one of them) with the audience chosen by the team."""
    require_team(created_by, experiment)
    group = _clean_audience(experiment=experiment, audience=audience, group=group)
    _check_text((title or "").strip(), (description or "").strip())
    if (file is None) == (not url):
        raise ApplicationError(_("Upload a file or give a link (one of them)."), field="file")
    material = Material(
        experiment=experiment,
        title=(title or "").strip(),
        description=(description or "").strip(),
        audience=audience,
        group=group,
        created_by=created_by,
    )
    stored_name = ""
    try:
        with transaction.atomic():
            if file is not None:
                name = clean_file_name(file.name or "")
                material.kind = MaterialKind.FILE
                material.content_type = check_upload(
                    file, name, allowed=MATERIAL_CONTENT_TYPES, max_bytes=MATERIAL_MAX_BYTES
                )
                material.original_name = name
                material.size = file.size or 0
                stored_name = _store(material, file, name)
            else:
                material.kind = MaterialKind.LINK
                material.url = clean_link(url)
            material.full_clean()
            material.save()
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return material


def material_update(
    *,
    material: Material,
    updated_by: User,
    title: str,
    description: str = "",
    audience: str = Audience.EXPERIMENT,
    group: ParticipantGroup | None = None,
    url: str | None = None,
    file: UploadedFile | None = None,
) -> Material:
    """Change a material's text and audience; a link's address may change, a file may be replaced by a
    new upload (the old file is removed once the change commits). A file cannot become a link."""
    experiment = material.experiment
    require_team(updated_by, experiment)
    _require_visible(updated_by, material)
    group = _clean_audience(experiment=experiment, audience=audience, group=group)
    _check_text((title or "").strip(), (description or "").strip())
    material.title = (title or "").strip()
    material.description = (description or "").strip()
    material.audience = audience
    material.group = group
    old_file_name = ""
    stored_name = ""
    try:
        with transaction.atomic():
            if material.kind == MaterialKind.LINK:
                if file is not None:
                    raise ApplicationError(_("A link cannot be changed into a file."), field="file")
                if url is not None:
                    material.url = clean_link(url)
            else:
                if url:
                    raise ApplicationError(_("A file cannot be changed into a link."), field="url")
                if file is not None:
                    name = clean_file_name(file.name or "")
                    content_type = check_upload(
                        file, name, allowed=MATERIAL_CONTENT_TYPES, max_bytes=MATERIAL_MAX_BYTES
                    )
                    old_file_name = material.file.name or ""
                    material.content_type = content_type
                    material.original_name = name
                    material.size = file.size or 0
                    stored_name = _store(material, file, name)
            material.full_clean()
            material.save()
            if old_file_name:
                transaction.on_commit(lambda: default_storage.delete(old_file_name))
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return material


def material_delete(*, material: Material, deleted_by: User) -> None:
    """Remove a material; its stored file goes once the removal commits."""
    require_team(deleted_by, material.experiment)
    _require_visible(deleted_by, material)
    stored_name = material.file.name if material.file else ""
    with transaction.atomic():
        material.delete()
        if stored_name:
            transaction.on_commit(lambda: default_storage.delete(stored_name))
