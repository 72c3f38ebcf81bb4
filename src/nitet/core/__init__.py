"""The vocabulary every layer speaks: Thai/English messages (``i18n``), the errors a user can
fix (``errors``), BE dates, fiscal periods and Thai digits (``thai``) and findings (``findings``).

No I/O and no imports from the rest of nitet: everything else stands on this.
"""
