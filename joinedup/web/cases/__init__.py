"""Cases of the specialist team: a child or a context, allocation, plans, flags and case notes."""
