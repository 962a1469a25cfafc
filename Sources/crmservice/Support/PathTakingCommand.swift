import ArgumentParser
import CRMServiceApp
import Foundation

/// A command that takes any number of paths (§12: `parse`, `replay`), as arguments or one a line from
/// `--files-from FILE|-`. `main.swift` takes the path arguments out of the command line before the argument parser
/// sees it (`PathArguments`) and hands them to the parsed command.
protocol PathTakingCommand: ParsableCommand {
    /// The path arguments (the `@Argument` only documents them in `--help`; it is always empty after parsing).
    var paths: [String] { get set }
    /// `--files-from FILE|-`.
    var filesFrom: String? { get }
}

extension PathTakingCommand {
    /// The paths given as arguments, then those of `--files-from`; neither is bad usage (exit 2).
    func allPaths() throws -> [String] {
        guard let filesFrom else {
            if paths.isEmpty {
                let name = Self.configuration.commandName ?? "command"
                throw CommandFailure.badInput("""
                    \(name): give one or more paths, or --files-from FILE|-
                    Usage: \(CRMServiceCommand.usageString(for: Self.self))
                      See 'crmservice \(name) --help' for more information.
                    """)
            }
            return paths
        }
        do { return paths + (try PathList.read(filesFrom)) } catch {
            throw CommandFailure.badInput("cannot read --files-from \(filesFrom): \(error)")
        }
    }

    /// The spellings of this command's options that take a value, as the argument parser declares them (its
    /// `--experimental-dump-help` description), so an option added to the command needs no list kept here.
    static func optionsWithValue() -> Set<String> {
        guard let tool = try? JSONDecoder().decode(DumpedTool.self, from: Data(_dumpHelp().utf8)) else {
            preconditionFailure("the argument parser's description of \(Self.self) cannot be read")
        }
        var spellings: Set<String> = []
        for argument in tool.command.arguments ?? [] where argument.kind == "option" {
            for name in argument.names ?? [] {
                spellings.insert((name.kind == "long" ? "--" : "-") + name.name)
            }
        }
        return spellings
    }
}

extension CRMServiceCommand {
    /// The subcommands that take any number of paths.
    static let pathTakingCommands: [String: any PathTakingCommand.Type] = [
        "parse": ParseCommand.self, "replay": ReplayCommand.self,
    ]

    /// Parses the command line; the path arguments of a `PathTakingCommand` bypass the argument parser (linear in
    /// their number) and are set on the parsed command.
    static func parseCommandLine(_ arguments: [String]) throws -> any ParsableCommand {
        guard let name = arguments.first, let type = pathTakingCommands[name] else { return try parseAsRoot(arguments) }
        let split = PathArguments(splitting: arguments.dropFirst(), optionsWithValue: type.optionsWithValue())
        let command = try parseAsRoot([name] + split.options)
        guard var pathTaking = command as? any PathTakingCommand else { return command }
        pathTaking.paths = split.paths
        return pathTaking
    }
}

/// The part of the argument parser's `--experimental-dump-help` description that `optionsWithValue` reads.
private struct DumpedTool: Decodable {
    struct Command: Decodable { var arguments: [Argument]? }
    struct Argument: Decodable { var kind: String; var names: [Name]? }
    struct Name: Decodable { var kind: String; var name: String }
    var command: Command
}
