"""CSV/XLSX readers with column mapping, producing checked rows and a diff.

Generic part (reused by every import): :mod:`tabular` (file -> Table), :mod:`mapping` (FieldSpec,
guess_mapping, apply_overrides, mapped_rows), :mod:`values` (Dutch dates, groups, names, yes/no),
:mod:`problems` (ImportProblem, ImportRejected). Pupil list: :mod:`pupils`, :mod:`pupil_diff`. Parent-app
consent answers: :mod:`consent_fields`, :mod:`consent`, :mod:`consent_diff`.
openpyxl and charset-normalizer are imported only when a file needs them.
"""
