"""HMS load and latency benchmarks: server, stores and load generators on separate cores."""
