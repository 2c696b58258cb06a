"""The front door's forms, with GOV.UK error messages."""

from joinedup.web.frontdoor.forms.referral import ReferralForm, SchoolReferralForm
from joinedup.web.frontdoor.forms.rota import RotaForm
from joinedup.web.frontdoor.forms.screening import (
    NOT_FOUND,
    DecisionForm,
    LinkChildForm,
    RatingForm,
    UrgentForm,
    VersionForm,
)

__all__ = [
    "NOT_FOUND",
    "DecisionForm",
    "LinkChildForm",
    "RatingForm",
    "ReferralForm",
    "RotaForm",
    "SchoolReferralForm",
    "UrgentForm",
    "VersionForm",
]
