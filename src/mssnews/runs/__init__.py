"""Running many sources: reading inputs, batches in worker processes or on Dask, and the
output file that records go to."""
