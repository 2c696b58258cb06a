"""The `joinedup` command line: one entry point for everything."""
