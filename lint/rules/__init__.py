"""Built-in rules, one module a rule, one folder a family (see lint/registry.py)."""
