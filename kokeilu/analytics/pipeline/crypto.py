"""Authenticated encryption of files for transfer: chunked AES-256-GCM (the `cryptography` package).

Layout: a header (magic, chunk size, a random 7-byte nonce prefix, a 16-byte key check) followed by chunks,
each a 4-byte big-endian length and the ciphertext with its tag. Chunk i is sealed with the nonce
prefix ‖ i (4 bytes) ‖ final flag (1 byte), and the header as associated data, so chunks cannot be
reordered, dropped, swapped between files or cut off: a file whose last chunk is not marked final is
reported as truncated. The key check (an HMAC of the nonce prefix) tells a wrong key apart from a damaged
file.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import PipelineError

MAGIC = b"KKLAEAD1"
METHOD = "AES-256-GCM in authenticated chunks (Kokeilu KKLAEAD1 format)"
DEFAULT_CHUNK_SIZE = 1 << 20
_HEADER = struct.Struct(">8sI7s16s")
_LENGTH = struct.Struct(">I")
_TAG_BYTES = 16


def _key_check(key: bytes, nonce_prefix: bytes) -> bytes:
    return hmac.new(key, b"kokeilu transfer key check\x1f" + nonce_prefix, hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if final else 0)


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


class EncryptingWriter(io.RawIOBase):
    """A binary file object that encrypts what is written to it into `target`, chunk by chunk."""

    def __init__(
        self,
        target: BinaryIO,
        key: bytes,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        *,
        close_target: bool = False,
    ) -> None:
        super().__init__()
        self._target = target
        self._close_target = close_target
        self._aead = AESGCM(key)
        self._chunk_size = chunk_size
        self._prefix = os.urandom(7)
        self._header = _HEADER.pack(MAGIC, chunk_size, self._prefix, _key_check(key, self._prefix))
        self._target.write(self._header)
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed file")
        view = memoryview(data).cast("B")
        self._buffer += view
        self._position += len(view)
        # Keep at least one byte back so the final chunk is written by close().
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), final=False)
            del self._buffer[: self._chunk_size]
        return len(view)

    def _seal(self, plaintext: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, final), plaintext, self._header)
        self._target.write(_LENGTH.pack(len(sealed)))
        self._target.write(sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            try:
                self._seal(bytes(self._buffer), final=True)
                self._buffer.clear()
                self._target.flush()
            finally:
                if self._close_target:
                    self._target.close()
        super().close()


def encrypted_writer(path: Path, key: bytes, chunk_size: int = DEFAULT_CHUNK_SIZE) -> EncryptingWriter:
    """An EncryptingWriter into a new file at `path`; closing it closes the file."""
    handle = open(path, "wb")  # noqa: SIM115 - handed to the writer, closed with it
    return EncryptingWriter(handle, key, chunk_size, close_target=True)


def decrypt_file(source: Path, target: Path, key: bytes) -> int:
    """Decrypt `source` into `target`; return the plaintext size. Refuses wrong keys and damaged files."""
    written = 0
    with open(source, "rb") as handle:
        header = handle.read(_HEADER.size)
        if len(header) == 0:
            raise PipelineError("the file is empty", code="empty_file", file=source)
        if len(header) < _HEADER.size or not header.startswith(MAGIC):
            raise PipelineError(
                "not an encrypted Kokeilu file (or its header is cut off)", code="not_encrypted", file=source
            )
        _, chunk_size, prefix, check = _HEADER.unpack(header)
        if not hmac.compare_digest(check, _key_check(key, prefix)):
            raise PipelineError(
                "wrong decryption key for this file", code="wrong_decryption_key", file=source
            )
        aead = AESGCM(key)
        index = 0
        with open(target, "wb") as out:
            while True:
                length_bytes = handle.read(_LENGTH.size)
                if len(length_bytes) < _LENGTH.size:
                    raise PipelineError(
                        f"the file is truncated: it ends after chunk {index} without its final chunk",
                        code="truncated_file",
                        file=source,
                    )
                (length,) = _LENGTH.unpack(length_bytes)
                if length > chunk_size + _TAG_BYTES:
                    raise PipelineError(
                        f"chunk {index + 1} has an impossible length; the file is damaged",
                        code="corrupt_file",
                        file=source,
                    )
                sealed = handle.read(length)
                if len(sealed) < length:
                    raise PipelineError(
                        f"the file is truncated inside chunk {index + 1}", code="truncated_file", file=source
                    )
                plaintext = None
                final = False
                for final in (False, True):
                    try:
                        plaintext = aead.decrypt(_nonce(prefix, index, final), sealed, header)
                    except InvalidTag:
                        continue
                    break
                if plaintext is None:
                    raise PipelineError(
                        f"chunk {index + 1} fails authentication; the file was altered or damaged",
                        code="corrupt_file",
                        file=source,
                    )
                out.write(plaintext)
                written += len(plaintext)
                index += 1
                if final:
                    break
            if handle.read(1):
                raise PipelineError(
                    "data after the final chunk; the file was altered", code="corrupt_file", file=source
                )
    return written
