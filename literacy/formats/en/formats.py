"""English date formats: "2 December 2026", never the ambiguous 12/02/2026.

Django's own English formats are American ("Dec. 2, 2026", "12/02/2026"); the
site's readers are in China and elsewhere, where day-month order (or ISO) is
read right. Loaded through ``FORMAT_MODULE_PATH``.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
