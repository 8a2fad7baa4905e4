"""Read models: what the desk, the admin pages and the web chat show, each read its own
read-only transaction. Nothing here changes state."""
