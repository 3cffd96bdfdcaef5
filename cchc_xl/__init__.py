"""cchc-xl: check and consolidate the task appendices of Vietnamese administrative-reform plans."""

__version__ = "0.1.0"
# Bumped whenever the standard workbook's layout changes; consolidation warns on older ones.
TEMPLATE_VERSION = "1.0"
