"""The redaction app's services: what the views and the demo call.

- `known`: the people the system knows, as the redaction core's `KnownPerson` list;
- `suggest`: a suggestion run over a document version;
- `review`: decisions (accept/reject with ground and reason), manual redactions, QC checks;
- `ciphers`: the cipher registry;
- `production`: produced copies (text removed, PDF from that text);
- `release`: staged release, approval and withdrawal, what core participants may read;
- `publication`: what the public site publishes.
"""
