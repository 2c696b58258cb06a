from django import template

from joinedup.web.audit.vocabulary import action_label, basis_label

register = template.Library()
register.filter("action_label", action_label)
register.filter("basis_label", basis_label)
