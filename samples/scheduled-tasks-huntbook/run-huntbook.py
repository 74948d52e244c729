"""Runs a huntbook headless with the kestrel-ts kernel and writes the executed notebook.

    /usr/bin/python3 run-huntbook.py IN.ipynb OUT.ipynb

Needs nbclient and nbformat (Debian: python3-nbclient python3-nbformat) and the kernel registered with
`kestrel kernel install`. Cells run in IN's folder, as in Jupyter; the run stops at the first failing cell.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient

source, target = sys.argv[1], sys.argv[2]
notebook = nbformat.read(source, as_version=4)
client = NotebookClient(notebook, kernel_name='kestrel-ts', timeout=120, startup_timeout=120,
                        resources={'metadata': {'path': os.path.dirname(os.path.abspath(source))}})
try:
    client.execute()
finally:
    nbformat.write(notebook, target)
