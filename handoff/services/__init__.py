"""Use cases, one function each, taking a unit of work: the only place that changes state."""
