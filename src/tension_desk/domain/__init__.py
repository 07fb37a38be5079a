"""Pure-Python domain: dataclasses, rules and arithmetic. Never imports Qt or the store."""
