#!/bin/sh
# Entry point of the OneChat image.
#
#   migrate          apply database migrations, then exit (the compose "migrate"
#                    service runs this once before any web process starts, so
#                    replicas never race each other on a schema change)
#   anything else    run as given (the default is the uvicorn web process)
set -eu

if [ "${1:-}" = "migrate" ]; then
    shift
    exec python manage.py migrate --no-input "$@"
fi

exec "$@"
