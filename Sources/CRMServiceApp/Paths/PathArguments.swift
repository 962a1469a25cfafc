/// The arguments of a command that takes any number of paths (`parse`, `replay`; §12), split in one pass into the
/// options, which the argument parser reads, and the paths, which it never sees.
///
/// swift-argument-parser removes each positional value from its input one by one, which is quadratic in their
/// number (8,000 paths took 1.8 s before any mail was read); the options alone are a handful.
///
/// The split follows the parser's own rules: `--` ends the options (everything after it is a path, even `-x`);
/// `--name=value` is one option; an option that takes a value takes the next argument unless that one looks like an
/// option (then the parser reports the missing value); any other argument starting with `-` is an option, known or
/// not, so an unknown one is still reported by the parser; `-` alone is a path.
public struct PathArguments: Equatable, Sendable {
    /// The options, in their order, for the argument parser.
    public var options: [String] = []
    /// The paths, in their order.
    public var paths: [String] = []

    /// Splits `arguments` (the command's, after its name); `optionsWithValue` are the spellings (`--db`, `-d`) of the
    /// options that take a value.
    public init(splitting arguments: some Sequence<String>, optionsWithValue: Set<String>) {
        var iterator = arguments.makeIterator()
        var pendingValue = false
        while let argument = iterator.next() {
            if argument == "--" {
                while let path = iterator.next() { paths.append(path) }
                break
            }
            let looksLikeOption = argument.utf8.count > 1 && argument.utf8.first == UInt8(ascii: "-")
            if pendingValue {
                pendingValue = false
                if !looksLikeOption {
                    options.append(argument)
                    continue
                }
            }
            if looksLikeOption {
                options.append(argument)
                pendingValue = optionsWithValue.contains(argument)
            } else {
                paths.append(argument)
            }
        }
    }
}
