"""``python -m embargo.spark screen|pack``: the same commands as the spark-submit script."""

from embargo.spark.submit import main

main()
