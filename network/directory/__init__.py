"""The public support directory of organisations: its filters and views (the profiles behind it
are kept in network.profiles)."""
