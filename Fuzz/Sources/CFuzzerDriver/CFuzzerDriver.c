// Intentionally empty: the header only declares the libFuzzer runtime entry point.
