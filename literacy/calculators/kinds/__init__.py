"""One module per calculator, each registering a ``Calculator`` (see ``registry``)."""
