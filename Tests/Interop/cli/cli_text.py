"""Helpers for reading the table output."""

import re

# How an age prints: `400 ms ago`, `2.5 s ago`, `1 min 5 s ago`.
AGO = r"(\d+ ms|[\d.]+ s|\d+ min( \d+ s)?) ago"


def lines_of(text):
    """Lines with runs of spaces collapsed, so that checks do not depend on column widths."""
    return [re.sub(r" {2,}", "  ", line.strip()) for line in text.splitlines()]
