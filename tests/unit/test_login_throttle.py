"""The desk's login throttle: one count per account and address, whatever the spelling."""

from handoff.web.auth import LoginThrottle


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_spelling_variants_of_a_name_share_one_count() -> None:
    # Security review #2: "Ingrid  Jansen" or "Íngrid Jansen" each got five fresh tries.
    throttle = LoginThrottle(clock=Clock())
    for name in [
        "Ingrid Jansen",
        "Ingrid  Jansen",
        "íngrid jansen",
        "INGRID\u3000JANSEN",
        "Ｉngrid Jansen",
    ]:
        assert throttle.wait_seconds(name, "203.0.113.7") == 0
        throttle.failed(name, "203.0.113.7")
    assert throttle.wait_seconds("Ingrid Jansen", "203.0.113.7") == 60
    assert throttle.wait_seconds("ingrid   jansen", "203.0.113.7") == 60


def test_guessing_elsewhere_does_not_lock_the_employee_out() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(8):
        throttle.failed("Ingrid Jansen", "203.0.113.7")
    assert throttle.wait_seconds("Ingrid Jansen", "203.0.113.7") == 4 * 60
    assert throttle.wait_seconds("Ingrid Jansen", "192.0.2.10") == 0  # her own office
    clock.now += 4 * 60
    assert throttle.wait_seconds("Ingrid Jansen", "203.0.113.7") == 0


def test_one_address_guessing_many_names_waits_too() -> None:
    throttle = LoginThrottle(clock=Clock())
    for number in range(20):
        throttle.failed(f"Medewerker {number}", "203.0.113.7")
    assert throttle.wait_seconds("Nog Iemand", "203.0.113.7") == 60
    assert throttle.wait_seconds("Nog Iemand", "192.0.2.10") == 0


def test_a_good_login_clears_the_accounts_count_and_memory_is_bounded() -> None:
    throttle = LoginThrottle(clock=Clock())
    for _ in range(5):
        throttle.failed("Kees Visser", "192.0.2.10")
    throttle.succeeded("kees  visser", "192.0.2.10")
    assert throttle.wait_seconds("Kees Visser", "192.0.2.10") == 0
    for number in range(LoginThrottle.MAX_KEYS + 50):
        throttle.failed("x", f"10.0.{number // 250}.{number % 250}")
    assert len(throttle._failures) <= LoginThrottle.MAX_KEYS
