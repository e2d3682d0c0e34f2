"""The unsubscribe link in every update e-mail: a signed token naming the person and the experiment.

It works without signing in and cannot be forged (it is signed with SECRET_KEY and a salt of its own),
and a token of one experiment is refused on another experiment's address."""

from django.core import signing

_SALT = "kokeilu.updates.unsubscribe"


def unsubscribe_token(*, user_id: int, experiment_id: int) -> str:
    return signing.dumps({"u": user_id, "e": experiment_id}, salt=_SALT, compress=False)


def unsubscribe_token_read(token: str) -> tuple[int, int] | None:
    """(user id, experiment id) of a genuine token, None for anything else."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, experiment_id = data.get("u"), data.get("e")
    if not isinstance(user_id, int) or not isinstance(experiment_id, int):
        return None
    return user_id, experiment_id
