/// The capture rules of INTERFACE.md §4: a pure decision per message, no I/O.
public enum Matching {}
