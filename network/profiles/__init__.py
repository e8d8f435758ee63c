"""Partner-group profiles: who edits them (editors, invitations), their review and yearly
confirmation, the profile admin and the April reminder emails."""
