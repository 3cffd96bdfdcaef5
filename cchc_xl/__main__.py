"""`python -m cchc_xl`: the command line, as the `cchc-xl` script runs it."""

from cchc_xl.app.cli import main

main()
