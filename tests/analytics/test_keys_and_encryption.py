"""Keys from files and the environment; authenticated, chunked encryption for transfer."""

import os

import pytest

from kokeilu.analytics.pipeline import crypto, keys
from kokeilu.analytics.pipeline.errors import PipelineError


def test_a_key_is_read_from_a_file_or_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "k.key"
    written = keys.write_key_file(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert keys.load_key(key_file=path, env_var="UNUSED_ENV", purpose="test") == written
    monkeypatch.setenv("KOKEILU_TEST_KEY", written.hex())
    assert keys.load_key(key_file=None, env_var="KOKEILU_TEST_KEY", purpose="test") == written


def test_a_key_file_is_never_overwritten(tmp_path):
    keys.write_key_file(tmp_path / "k.key")
    with pytest.raises(FileExistsError):
        keys.write_key_file(tmp_path / "k.key")


def test_a_missing_key_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("KOKEILU_TEST_KEY", raising=False)
    with pytest.raises(PipelineError) as missing_env:
        keys.load_key(key_file=None, env_var="KOKEILU_TEST_KEY", purpose="pseudonymisation")
    assert missing_env.value.code == "key_missing"
    assert "KOKEILU_TEST_KEY" in str(missing_env.value)
    with pytest.raises(PipelineError) as missing_file:
        keys.load_key(
            key_file=tmp_path / "absent.key", env_var="KOKEILU_TEST_KEY", purpose="pseudonymisation"
        )
    assert missing_file.value.code == "key_missing"
    assert "absent.key" in str(missing_file.value)


@pytest.mark.parametrize("content", ["too short", "ab" * 16, "ab" * 33, "zz" * 32, "QUJD" * 12, ""])
def test_a_malformed_key_is_refused(tmp_path, content):
    path = tmp_path / "bad.key"
    path.write_text(content)
    with pytest.raises(PipelineError) as refused:
        keys.load_key(key_file=path, env_var="UNUSED_ENV", purpose="transfer")
    assert refused.value.code == "key_invalid"
    assert str(path) in str(refused.value)


def test_fingerprints_tell_keys_apart_without_revealing_them():
    first, second = os.urandom(32), os.urandom(32)
    assert keys.fingerprint(first, "transfer") == keys.fingerprint(first, "transfer")
    assert keys.fingerprint(first, "transfer") != keys.fingerprint(second, "transfer")
    assert keys.fingerprint(first, "transfer") != keys.fingerprint(first, "pseudonym")
    assert first.hex()[:16] not in keys.fingerprint(first, "transfer")


def _encrypt(path, key, data, chunk_size=64):
    with crypto.encrypted_writer(path, key, chunk_size=chunk_size) as writer:
        for start in range(0, len(data), 50):
            writer.write(data[start : start + 50])


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 1000])
def test_encryption_round_trips_at_every_size(tmp_path, size):
    key = os.urandom(32)
    data = (b"Aino Virtanen 131052-308T Kuusitie 5 " * 30)[:size]
    _encrypt(tmp_path / "f.enc", key, data)
    assert crypto.is_encrypted(tmp_path / "f.enc")
    if size >= 8:
        assert data[:8] not in (tmp_path / "f.enc").read_bytes()
    assert crypto.decrypt_file(tmp_path / "f.enc", tmp_path / "f", key) == size
    assert (tmp_path / "f").read_bytes() == data


def test_a_wrong_decryption_key_is_named(tmp_path):
    _encrypt(tmp_path / "f.enc", os.urandom(32), b"confidential" * 20)
    with pytest.raises(PipelineError) as refused:
        crypto.decrypt_file(tmp_path / "f.enc", tmp_path / "f", os.urandom(32))
    assert refused.value.code == "wrong_decryption_key"
    assert "f.enc" in str(refused.value)


@pytest.mark.parametrize(
    ("cut", "code"),
    [
        (lambda data: data[:-1], "truncated_file"),  # inside the final chunk
        (
            lambda data: data[: crypto._HEADER.size + 4 + 64 + 16],
            "truncated_file",
        ),  # whole chunks, no final one
        (lambda data: data[:10], "not_encrypted"),  # inside the header
        (lambda data: b"", "empty_file"),
        (lambda data: data + b"x", "corrupt_file"),
        (lambda data: data[:200] + bytes([data[200] ^ 1]) + data[201:], "corrupt_file"),
    ],
)
def test_damaged_and_truncated_files_are_refused(tmp_path, cut, code):
    key = os.urandom(32)
    _encrypt(tmp_path / "f.enc", key, os.urandom(300))
    (tmp_path / "damaged.enc").write_bytes(cut((tmp_path / "f.enc").read_bytes()))
    with pytest.raises(PipelineError) as refused:
        crypto.decrypt_file(tmp_path / "damaged.enc", tmp_path / "f", key)
    assert refused.value.code == code
    assert "damaged.enc" in str(refused.value)


def test_chunks_cannot_be_reordered(tmp_path):
    key = os.urandom(32)
    _encrypt(tmp_path / "f.enc", key, os.urandom(64 * 3 + 10))
    data = (tmp_path / "f.enc").read_bytes()
    header, body = data[: crypto._HEADER.size], data[crypto._HEADER.size :]
    record = 4 + 64 + 16
    swapped = header + body[record : 2 * record] + body[:record] + body[2 * record :]
    (tmp_path / "swapped.enc").write_bytes(swapped)
    with pytest.raises(PipelineError) as refused:
        crypto.decrypt_file(tmp_path / "swapped.enc", tmp_path / "f", key)
    assert refused.value.code == "corrupt_file"
