"""Encryption at rest for sensitive free text (docs/encryption.md).

    from joinedup.web.crypto.fields import EncryptedTextField

    narrative = EncryptedTextField(blank=True)

Values are Fernet tokens in the database; the keys live outside it (keys.py).
`joinedup keys rotate` re-encrypts every encrypted field (rotation.py).
"""
