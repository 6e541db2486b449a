"""How OneChat runs in production: the proxy template, the container entry
point and health check, and the loopback topology."""
