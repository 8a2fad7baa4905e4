"""A case's flow, split by reason to change: lifecycle (the rules of a case's life), notices
(what each party is told), queries (what the flow reads), actions (the one dispatcher for
employees' actions) and feedback (the two questions after closing).

These work inside the caller's transaction; services/ owns the transactions."""
