"""The web side: the tenant web chat (local mode), the employees' desk, and health checks."""
