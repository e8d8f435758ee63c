"""Confidential case reviews (個別ケース検討会議・支援会議), their consents (同意) and referrals
(つなぐシート): the services that change them and log every read, the /admin/cases/ screens,
encryption at rest, retention and the personal-data check."""
