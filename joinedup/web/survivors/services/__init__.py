"""The survivors app's services, by domain:

- accounts.py: taking accounts (online form, staff), reading them (audited), the list;
- consent.py: consent choices, append-only; returning.py: the survivor changing them online;
- anonymise.py: the anonymised version and its second-person approval;
- referrals.py: referrals to police; analysis.py: what the themes app may analyse;
- readers.py: who may read accounts; references.py: references and passphrases;
- drafts.py: the online form's answers in the session; limits.py: per-address limits;
- counts.py: counts of accounts through disclosure control; vocabulary.py: data/form.yaml.
"""
