from incidents.cli import app

app(prog_name="incidents")
