#!/bin/sh
# Entry point of the OneChat image.
#
#   migrate          apply database migrations, then exit (the compose "migrate"
#                    service runs this once before any web process starts, so
#                    replicas never race each other on a schema change)
#   worker           run the job worker (deploy/worker.py): timed work such as
#                    snooze wake-ups; one or more may run beside the web processes
#   anything else    run as given (the default is the uvicorn web process)
set -eu

if [ "${1:-}" = "migrate" ]; then
    shift
    exec python manage.py migrate --no-input "$@"
fi

if [ "${1:-}" = "worker" ]; then
    shift
    exec python -m deploy.worker "$@"
fi

exec "$@"
