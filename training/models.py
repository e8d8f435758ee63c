"""Models land here with their issues (see DESIGN.md for what this app owns)."""
