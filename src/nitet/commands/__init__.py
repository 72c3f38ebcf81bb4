"""One module per command group. Modules stay light to import: heavy imports go inside
the functions that need them."""
