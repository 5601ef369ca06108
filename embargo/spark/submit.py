"""Entry point for ``spark-submit`` (and ``python -m embargo.spark``).

    python -m embargo.spark pack /shared/embargo            # → embargo-index-<version>.tar.gz
    spark-submit --master yarn --deploy-mode cluster \\
        --archives /shared/embargo/embargo-index-<v>.tar.gz#embargo_index \\
        embargo/spark/submit.py screen s3a://bucket/customers/ --out s3a://bucket/screened/ \\
        --index-alias embargo_index

``screen`` takes the options of ``embargo spark-screen``; the session is the one spark-submit
configured (master, executors, memory), not one made here.
"""

from __future__ import annotations

import typer

from embargo.spark.command import pack, spark_screen

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="embargo batch screening on Spark: `screen` a file, `pack` an index for --archives.",
)
app.command("screen")(spark_screen)
app.command("pack")(pack)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
