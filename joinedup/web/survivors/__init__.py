"""Survivor accounts on survivors' terms: the form, accounts, consent, anonymised versions."""
