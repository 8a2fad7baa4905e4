"""Our own parts of the Rasa NLU pipeline (config.yml): the rules are plain Python in
`names.py` and `triage.py`, without Rasa imports, so the app's unit tests cover them;
`pipeline.py` wraps them as Rasa components."""
