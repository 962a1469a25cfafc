// Placeholder: the parse benchmark driver is written by the benchmark work of issue #2.
print("ParseBenchmark: not yet written")
