"""The /admin/cases/ screens, by record kind (casereviews, consents, referrals); they parse input,
ask tenants.access, call network.cases.services and render."""
