"""`joinedup keys`: the field-encryption keys (docs/encryption.md).

joinedup keys status      where the keys are, and which key each value is under
joinedup keys rotate      add a new key and re-encrypt every encrypted value with it
joinedup keys retire      drop the older keys once no value needs them
joinedup keys generate    print a new key (for JOINEDUP_FIELD_KEYS)
"""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

console = Console(highlight=False, soft_wrap=True)


@click.group("keys")
def keys() -> None:
    """Show, rotate and retire the keys that encrypt narratives at rest."""


@keys.command("status")
def status() -> None:
    """Show where the keys come from and how many values each key encrypts."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.crypto.keys import (
        configured_keys,
        fingerprint,
        key_file,
        keys_from_environment,
    )
    from joinedup.web.crypto.rotation import key_usage

    source = "JOINEDUP_FIELD_KEYS" if keys_from_environment() else str(key_file())
    names = [fingerprint(k) for k in configured_keys()]
    console.print(f"Keys from {source}: {', '.join(names)} (the first encrypts)")
    table = Table("column", *names, "plaintext", "unreadable")
    for column, tally in key_usage().items():
        table.add_row(column, *(str(tally[n]) for n in [*names, "plaintext", "unreadable"]))
    console.print(table)


@keys.command("rotate")
def rotate() -> None:
    """Add a new key and re-encrypt every encrypted value with it, in one transaction."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.crypto.rotation import rotate_keys
    from joinedup.web.documents.services.files import reencrypt_stored_files

    done = rotate_keys()
    for column, count in done.rewritten.items():
        console.print(f"  {column}: {count} value(s) re-encrypted")
    console.print(f"  inquiry files: {reencrypt_stored_files()} re-encrypted")
    console.print(f"Every encrypted value is now under key {done.newest}.")
    if done.older:
        console.print(
            f"Older key(s) {', '.join(done.older)} are kept for reading. Restart the web "
            "server so it encrypts with the new key, then run `joinedup keys retire`."
        )


@keys.command("retire")
def retire() -> None:
    """Remove every key but the newest, once no value is encrypted under an older one."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.crypto.keys import keys_from_environment
    from joinedup.web.crypto.rotation import retire_older_keys

    retired = retire_older_keys()
    if not retired:
        console.print("Only one key is configured: nothing to retire.")
    elif keys_from_environment():
        console.print(
            f"No value needs key(s) {', '.join(retired)}: remove them from JOINEDUP_FIELD_KEYS."
        )
    else:
        console.print(
            f"Retired key(s) {', '.join(retired)} to the .retired file beside the key file; "
            "keep it with old database backups and destroy it when they expire."
        )


@keys.command("generate")
def generate() -> None:
    """Print a new random key (to put first in JOINEDUP_FIELD_KEYS)."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode("ascii"))
