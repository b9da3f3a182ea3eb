"""Handler groups: PTB runs at most one handler per group, groups in ascending order."""

MAIN = 0  # the overlong-argument guard first, then commands and buttons (the push helper's too)
FALLBACK = 1  # hints for what no handler in another group took
