"""cchc-xl: check and consolidate the task appendices of Vietnamese administrative-reform plans."""

import os

# openpyxl parses with lxml when it is installed (python-docx brings it): lxml rejects workbooks Excel opens
# (an undeclared namespace prefix) and reads some formula parts differently. The standard library parser,
# which openpyxl guards with defusedxml, stays the one used. An administrator may still choose otherwise.
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
# Bumped whenever the standard workbook's layout changes; consolidation warns on older ones.
TEMPLATE_VERSION = "1.0"
