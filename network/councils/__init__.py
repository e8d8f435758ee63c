"""Councils and meetings of a municipality's platform: the review workflow of their pages, the
public iCal feed. The page types and their querysets live in network.models.councils."""
