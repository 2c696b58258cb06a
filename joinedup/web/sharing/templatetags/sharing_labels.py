"""Labels of the sharing data files' codes, for the register and the child's list."""

from __future__ import annotations

from django import template

from joinedup.web.sharing.services.vocabulary import bases

register = template.Library()


@register.filter
def basis_label(code: str) -> str:
    """'public_task' -> 'Public task: UK GDPR Article 6(1)(e)'."""
    basis = bases().get(code)
    return basis.label if basis else code
