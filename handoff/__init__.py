"""The handoff domain: conversations, cases, employees, routing, the outbox, and the web side."""
