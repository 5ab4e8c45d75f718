"""Runs notebooks with Jupyter's own client (nbclient) on the kernel named in argv[1].

Usage: run_notebooks.py KERNEL OUT_DIR NOTEBOOK...  Each notebook is executed in OUT_DIR (its working
directory) and written there executed; a cell error stops that notebook, is printed, and makes the exit code 1.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT_SECONDS = 600
START_TIMEOUT_SECONDS = 120

kernel, out_dir, notebooks = sys.argv[1], sys.argv[2], sys.argv[3:]
failed = 0
for path in notebooks:
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=CELL_TIMEOUT_SECONDS,
                            startup_timeout=START_TIMEOUT_SECONDS, resources={"metadata": {"path": out_dir}})
    try:
        client.execute()
        print("ran " + name, flush=True)
    except CellExecutionError as e:
        failed = 1
        print("failed " + name + ": " + str(e), flush=True)
    nbformat.write(nb, os.path.join(out_dir, name))
sys.exit(failed)
