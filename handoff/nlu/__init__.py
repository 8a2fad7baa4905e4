"""The assistant's understanding and its retraining loop, as one feature: the Rasa client, the
model and its training data, the NLU inbox, retraining with its gate, and going live."""
