"""Plain domain logic without I/O: routing a case to a named person, rendering a transcript."""
