"""Service-path analytics on pseudonymised client data (issue 5). The pipeline needs no Django."""
