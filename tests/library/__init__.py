"""versiongate as a library: the core install, the rule catalog, the public API."""
