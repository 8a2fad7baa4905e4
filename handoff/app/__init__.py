"""The product's entry points and wiring: the command line, `make run`, settings, logging and
the Runtime that starts everything. The only package that knows every other one."""
