from embargo.cli import app

app(prog_name="embargo")
