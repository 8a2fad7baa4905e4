"""Use cases: each public function takes the unit of work and owns its transaction.

The adapters (bot/, web/) and the command line call these and the read models in views/,
never the tables. A few session-level helpers (intake.claim_unprocessed,
employees.link_telegram) exist to run inside another use case's transaction.
"""
