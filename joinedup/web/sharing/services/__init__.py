"""The sharing app's services: recording decisions, the register, reading a decision,
Caldicott advice and the dashboard's items. Views call these; nothing else writes."""

from joinedup.web.sharing.services.caldicott import awaiting_advice, record_advice
from joinedup.web.sharing.services.dashboard import DashboardItem, dashboard_items
from joinedup.web.sharing.services.decisions import Correction, record_decision
from joinedup.web.sharing.services.inputs import AdviceInput, DecisionInput, Subject
from joinedup.web.sharing.services.register import RegisterFilters, export_csv, register_of
from joinedup.web.sharing.services.visibility import decisions_on_register, how_seen

__all__ = [
    "AdviceInput",
    "Correction",
    "DashboardItem",
    "DecisionInput",
    "RegisterFilters",
    "Subject",
    "awaiting_advice",
    "dashboard_items",
    "decisions_on_register",
    "export_csv",
    "how_seen",
    "record_advice",
    "record_decision",
    "register_of",
]
