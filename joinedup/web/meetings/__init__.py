"""MACE meetings: agenda, attendance, decisions, actions, minutes and meeting papers."""
