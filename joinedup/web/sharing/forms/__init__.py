"""The sharing app's forms, with GOV.UK error messages."""

from joinedup.web.sharing.forms.decision import OTHER_ORGANISATION, DecisionForm
from joinedup.web.sharing.forms.others import (
    AdviceForm,
    ContextDecisionForm,
    CorrectionForm,
    FiltersForm,
    SubjectForm,
)

__all__ = [
    "OTHER_ORGANISATION",
    "AdviceForm",
    "ContextDecisionForm",
    "CorrectionForm",
    "DecisionForm",
    "FiltersForm",
    "SubjectForm",
]
