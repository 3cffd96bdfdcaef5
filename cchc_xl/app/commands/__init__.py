"""One module per command (or pair of close commands); ``app/cli.py`` gathers them."""
