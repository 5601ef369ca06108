"""The review web UI: server-rendered pages (FastAPI + Jinja2) over :mod:`embargo.cases`.

``embargo web`` serves it; :func:`embargo.web.app.create_app` builds the application.
"""
