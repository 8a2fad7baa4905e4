"""The dialogue's rules as plain Python: no Rasa imports, so the app's test suite can test them.

The Action classes in the package above (`actions/*.py`) import rasa_sdk and call these.
"""
