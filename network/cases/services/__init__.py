"""The only code that changes case records, one module per record kind: casereviews (opening,
changing, participants, agreed actions, closing, the access log), consents and referrals. Each
function checks the actor's right through tenants.access and writes in one transaction."""
