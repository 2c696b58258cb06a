"""The documents app's services. Other apps use these names:

ingest.add_document(...) -> Document       a new document and its version 1
ingest.add_version(document, ...)          a new version of a document
files.read_file(stored_file) -> bytes      a stored file's bytes, decrypted
"""
