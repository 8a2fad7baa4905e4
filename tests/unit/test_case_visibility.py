"""Which team a case belongs to, for who may see it (security review #18)."""

import yaml

from handoff.cases.visibility import in_case_team
from handoff.domain.directory import Directory
from tests.conftest import TEST_EMPLOYEES


def directory_where_ingrid_also_repairs() -> Directory:
    data = yaml.safe_load(TEST_EMPLOYEES.read_text())
    for employee in data["employees"]:
        if employee["name"] == "Ingrid Jansen":
            employee["teams"] = ["huurincasso", "reparaties"]
    return Directory.model_validate(data)


def test_a_case_is_seen_by_its_own_team_not_by_the_owners_other_teams() -> None:
    directory = directory_where_ingrid_also_repairs()
    # Ingrid's arrears case belongs to Huur en betalen: her repairs colleague does not see it.
    assert not in_case_team(directory, "Fatima el Amrani", "Ingrid Jansen", "payment_arrears")
    # Her repair case belongs to Reparaties: there Fatima does.
    assert in_case_team(directory, "Fatima el Amrani", "Ingrid Jansen", "report_repair")


def test_a_case_outside_the_owners_teams_topics_is_in_their_first_team() -> None:
    directory = Directory.model_validate(yaml.safe_load(TEST_EMPLOYEES.read_text()))
    # Sanne (Wijkbeheer) was asked for by name about a repair: it is a Wijkbeheer case.
    assert in_case_team(directory, "Mehmet Yilmaz", "Sanne de Vries", "report_repair")
    assert not in_case_team(directory, "Fatima el Amrani", "Sanne de Vries", "report_repair")
    assert not in_case_team(directory, "Iemand Anders", "Sanne de Vries", "nuisance")
