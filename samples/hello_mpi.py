"""Every rank says who it is, then they agree on a sum: the smallest real MPI job.

Run it locally with `mpijobc run --local samples/hello-mpi.yaml` (needs python3-mpi4py).
HELLO_FAIL_RANK=N makes rank N exit with status 3, to see how a failing rank looks.
"""
import os
import socket
import sys

from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
print(f"hello from rank {rank} of {size} on {socket.gethostname()}", flush=True)
total = comm.allreduce(rank, op=MPI.SUM)
if rank == 0:
    print(f"sum of ranks = {total} (expected {size * (size - 1) // 2})", flush=True)
if os.environ.get("HELLO_FAIL_RANK") == str(rank):
    print(f"rank {rank} fails on purpose", file=sys.stderr, flush=True)
    sys.exit(3)
