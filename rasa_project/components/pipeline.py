"""Our Rasa NLU components (config.yml), thin wrappers around names.py and triage.py.

- `EmployeeNameExtractor` owns the entity `employee_name`: it drops what earlier extractors
  (the CRF) tagged and adds the names `names.NameFinder` finds. It reads the employee
  directory when the model loads, from EMPLOYEES_FILE like the app (default
  config/employees.yml), so a changed directory needs a restart, not a new model.
- `SafetyTriage` runs last: when `triage.unsure_of_danger`, the message becomes a repair with
  the entity `danger_unsure`, and a rule asks "Is er direct gevaar?" (data/rules/safety.yml).
"""

import logging
import os
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from .names import NameFinder
from .triage import REPAIR, unsure_of_danger

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EMPLOYEE_NAME = "employee_name"
DANGER_UNSURE = "danger_unsure"


def directory_file() -> Path:
    """The employee directory, as the app finds it (a relative path is from the checkout)."""
    path = Path(os.environ.get("EMPLOYEES_FILE") or "config/employees.yml")
    return path if path.is_absolute() else PROJECT_ROOT / path


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EmployeeNameExtractor(GraphComponent, EntityExtractorMixin):
    """Tags `employee_name` only for the directory's people and names after a title."""

    def __init__(self, finder: NameFinder):
        self._finder = finder

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EmployeeNameExtractor":
        """Builds the extractor on the directory's names (without one: titled names only)."""
        path = directory_file()
        try:
            return cls(NameFinder.from_directory(path))
        except OSError:
            logger.warning("No employee directory at %s: only names after a title are found", path)
            return cls(NameFinder([]))

    def process(self, messages: list[Message]) -> list[Message]:
        """Replaces the messages' employee_name entities by the names found in their text."""
        for message in messages:
            text = message.get(TEXT) or ""
            kept = [e for e in message.get(ENTITIES, []) if e.get("entity") != EMPLOYEE_NAME]
            found = [
                {
                    "entity": EMPLOYEE_NAME,
                    "start": name.start,
                    "end": name.end,
                    "value": name.person or name.text,
                    "confidence": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for name in self._finder.find(text)
            ]
            message.set(ENTITIES, kept + found, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyTriage(GraphComponent):
    """Turns a message the model hesitates on between repair and emergency into a question."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyTriage":
        """Builds the triage (it has no state)."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Makes a message the model hesitates on a repair, flagged to ask about danger."""
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            pairs = [(item.get("name"), float(item.get("confidence") or 0.0)) for item in ranking]
            if not unsure_of_danger(pairs):
                continue
            repair = next((c for name, c in pairs if name == REPAIR), 0.0)
            message.set(INTENT, {"name": REPAIR, "confidence": repair}, add_to_output=True)
            flag = {"entity": DANGER_UNSURE, "value": "true", "start": 0, "end": 0,
                    "extractor": self.__class__.__name__}  # fmt: skip
            message.set(ENTITIES, [*message.get(ENTITIES, []), flag], add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LogisticRegressionIntents(LogisticRegressionClassifier):
    """Rasa's logistic regression with its regularisation as a setting (`C`, sklearn's).

    Rasa fixes C at 1.0; with this many character n-grams a weaker penalty separates close
    intents better (docs/nlu-report.md), which also means fewer fallbacks on ambiguity.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's defaults for logistic regression, with C = 1.0."""
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])
