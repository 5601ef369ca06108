"""Batch screening of a whole customer or supplier file: ``embargo screen INPUT``.

:func:`~embargo.screen.pipeline.screen_file` reads CSV/TSV, XLSX, Parquet or JSON Lines in
chunks, maps the columns, screens every row on every core and writes JSON Lines, CSV, XLSX or
an HTML report in input order, resumably.
"""
