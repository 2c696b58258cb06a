from __future__ import annotations

import pytest

from joinedup.web.documents.services import files


@pytest.mark.django_db
def test_files_are_stored_encrypted_under_their_hash() -> None:
    data = b"Invented note about a strategy meeting"
    stored, new = files.store_file(data, original_name="n.txt", media_type="text/plain")
    path = files.file_path(stored.sha256)
    assert new
    assert stored.sha256 == files.sha256_of(data)
    assert path.parent.name == stored.sha256[:2]
    assert b"strategy meeting" not in path.read_bytes()
    assert files.read_file(stored) == data


@pytest.mark.django_db
def test_the_same_bytes_are_stored_once() -> None:
    first, new = files.store_file(b"same", original_name="a.txt", media_type="text/plain")
    second, again = files.store_file(b"same", original_name="b.txt", media_type="text/plain")
    assert (new, again) == (True, False)
    assert first.pk == second.pk
    assert second.original_name == "a.txt"


@pytest.mark.django_db
def test_a_file_changed_on_disk_is_refused() -> None:
    stored, _ = files.store_file(b"original", original_name="a.txt", media_type="text/plain")
    other, _ = files.store_file(b"changed", original_name="b.txt", media_type="text/plain")
    path = files.file_path(stored.sha256)
    path.chmod(0o600)
    path.write_bytes(files.file_path(other.sha256).read_bytes())
    with pytest.raises(files.StoredFileDamaged, match="does not match its hash"):
        files.read_file(stored)


@pytest.mark.django_db
def test_a_missing_file_is_reported() -> None:
    stored, _ = files.store_file(b"gone", original_name="a.txt", media_type="text/plain")
    files.file_path(stored.sha256).unlink()
    with pytest.raises(files.StoredFileDamaged, match="is missing"):
        files.read_file(stored)


@pytest.mark.django_db
def test_stored_files_can_be_reencrypted_under_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.fernet import Fernet

    from joinedup.web.crypto.keys import configured_keys, reload_keys

    stored, _ = files.store_file(b"kept secret", original_name="a.txt", media_type="text/plain")
    old = configured_keys()
    new = Fernet.generate_key().decode("ascii")
    monkeypatch.setenv("JOINEDUP_FIELD_KEYS", ",".join([new, *old]))
    reload_keys()
    try:
        assert files.reencrypt_stored_files() == 1
        monkeypatch.setenv("JOINEDUP_FIELD_KEYS", new)
        reload_keys()
        assert files.read_file(stored) == b"kept secret"
    finally:
        monkeypatch.undo()
        reload_keys()


@pytest.mark.django_db
def test_a_left_over_file_under_a_key_no_longer_held_is_written_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file on disk with no row (a rolled-back upload) made under another key is not
    reused: it could never be read back."""
    from cryptography.fernet import Fernet

    data = b"Invented letter, uploaded once under a key since lost"
    path = files.file_path(files.sha256_of(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(Fernet(Fernet.generate_key()).encrypt(data))
    path.chmod(0o440)
    stored, new = files.store_file(data, original_name="a.txt", media_type="text/plain")
    assert new
    assert files.read_file(stored) == data
