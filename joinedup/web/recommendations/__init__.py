"""The tracker of inquiry recommendations: actions, owners, evidence and independent sign-off."""
