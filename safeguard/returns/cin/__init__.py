"""The DfE Children in Need census: rows from live data (``rows``), the XML writer
(``writer``) and one module per collection year (``y2026``, ``y2027``)."""
