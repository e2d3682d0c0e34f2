"""Keys for pseudonymisation and transfer encryption: read from a file or an environment variable.

A key is 32 random bytes, written as 64 hexadecimal characters (or base64). Keys are never written next to
the data; manifests carry only a fingerprint, a keyed hash that tells two keys apart without revealing
either.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from .errors import PipelineError

KEY_BYTES = 32
PSEUDONYM_KEY_ENV = "KOKEILU_PSEUDONYM_KEY"
TRANSFER_KEY_ENV = "KOKEILU_TRANSFER_KEY"


def _decode(text: str) -> bytes | None:
    """Exactly 32 bytes, as 64 hexadecimal characters or as base64; anything else is not a key."""
    text = text.strip()
    if len(text) == 2 * KEY_BYTES and all(c in "0123456789abcdefABCDEF" for c in text):
        return bytes.fromhex(text)
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return decoded if len(decoded) == KEY_BYTES else None


def load_key(*, key_file: Path | None, env_var: str, purpose: str) -> bytes:
    """The key from `key_file` if given, else from the environment variable; a clear error otherwise."""
    if key_file is not None:
        try:
            text = Path(key_file).read_text(encoding="ascii")
        except FileNotFoundError:
            raise PipelineError(
                f"the {purpose} key file does not exist", code="key_missing", file=key_file
            ) from None
        except (UnicodeDecodeError, OSError) as error:
            raise PipelineError(
                f"the {purpose} key file cannot be read: {error}", code="key_invalid", file=key_file
            ) from None
        source: str | Path = key_file
    else:
        text = os.environ.get(env_var, "")
        if not text.strip():
            raise PipelineError(
                f"no {purpose} key: give a key file or set the environment variable {env_var}",
                code="key_missing",
            )
        source = f"${env_var}"
    key = _decode(text)
    if key is None:
        raise PipelineError(
            f"the {purpose} key is not valid: expected {KEY_BYTES} random bytes as "
            f"{2 * KEY_BYTES} hexadecimal characters or base64",
            code="key_invalid",
            file=source,
        )
    return key


def fingerprint(key: bytes, purpose: str) -> str:
    """16 hexadecimal characters that identify a key for a purpose without revealing it."""
    return hmac.new(key, b"kokeilu key fingerprint\x1f" + purpose.encode(), hashlib.sha256).hexdigest()[:16]


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def write_key_file(path: Path, key: bytes | None = None) -> bytes:
    """Write a new (or the given) key to `path`, readable by its owner only; never overwrites a file."""
    key = key if key is not None else new_key()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key
