"""Custom actions for the Aandacht dialogue model (served by the rasa-sdk action server)."""
