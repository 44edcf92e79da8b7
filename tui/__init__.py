"""The terminal interface: the `trials` command and the Textual browser."""
