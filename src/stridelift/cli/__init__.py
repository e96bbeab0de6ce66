"""The command line: parse arguments, call a service, render with Rich."""
