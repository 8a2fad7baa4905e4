"""The rules and types of the domain, without I/O: routing a case to a named person, presence
and promises, escalation, the directory, what a case action is. Imports only itself."""
