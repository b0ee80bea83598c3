"""gunicorn's settings, read from the project folder (README "Deploying"): an access log line
per request on stdout as JSON, with the app's request id and without the client's address,
the path or the query string (the app's own line names the route)."""

accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
    '"method": "%(m)s", "status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s}'
)
