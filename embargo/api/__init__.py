"""The screening HTTP API: yente-compatible ``/match``, ``/search``, ``/entities`` and more.

A thin skin over :class:`embargo.screener.Screener`: it maps yente's FollowTheMoney query
bodies to :class:`embargo.match.engine.Query`, answers in yente's response shape, and adds
API keys, rate limits, request limits and hot reload of new dataset versions.
"""
