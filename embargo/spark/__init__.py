"""The same batch screening on Apache Spark: ``embargo screen --engine spark`` / ``spark-submit``.

:func:`embargo.spark.engine.screen_with_spark` reads the input with Spark, ships one dataset
version's index to the executors once, screens partitions with the local engine's chunk
screener through Arrow, and writes Parquet, or the local engine's formats in row order. Needs
``pip install 'embargo[spark]'`` and a Java runtime (17).
"""
