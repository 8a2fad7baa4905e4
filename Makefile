# The two commands of the README. Both install what is missing first (scripts/setup).
.PHONY: run test

run:
	@scripts/setup
	@.venv/bin/python -m handoff run

test:
	@scripts/setup --test
	@scripts/test
