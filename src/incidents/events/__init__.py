"""incidents.events."""
