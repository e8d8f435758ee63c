"""Running Tsunagu as a service: start-up checks, health endpoints, the request log."""
