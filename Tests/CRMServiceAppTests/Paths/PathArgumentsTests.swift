import CRMServiceApp
import Testing

/// §12: `parse` and `replay` take any number of paths; the command line is split into options (for the argument
/// parser) and paths in one pass, by the argument parser's own rules.
@Suite("§12 the command line of parse and replay: options and paths")
struct PathArgumentsTests {
    let replayOptions: Set<String> = ["--db", "--config", "--mailbox-name", "--files-from"]

    func split(_ arguments: [String], _ withValue: Set<String>? = nil) -> PathArguments {
        PathArguments(splitting: arguments, optionsWithValue: withValue ?? replayOptions)
    }

    @Test("options before, between and after the paths; the paths keep their order")
    func optionsAnywhere() {
        let s = split(["--db", "x.sqlite", "a.eml", "--mailbox-name", "m", "b.eml", "c/", "--config", "c.yaml"])
        #expect(s.options == ["--db", "x.sqlite", "--mailbox-name", "m", "--config", "c.yaml"])
        #expect(s.paths == ["a.eml", "b.eml", "c/"])
    }

    @Test("a flag takes no value: the argument after it is a path")
    func flags() {
        let s = split(["--json", "a.eml", "-h", "b.eml"], ["--files-from"])
        #expect(s.options == ["--json", "-h"])
        #expect(s.paths == ["a.eml", "b.eml"])
    }

    @Test("--name=value is one option")
    func equalsForm() {
        let s = split(["--db=x.sqlite", "a.eml", "--files-from=list"])
        #expect(s.options == ["--db=x.sqlite", "--files-from=list"])
        #expect(s.paths == ["a.eml"])
    }

    @Test("-- ends the options: after it, -x and --db are paths")
    func terminator() {
        let s = split(["--db", "x.sqlite", "a.eml", "--", "-dash.eml", "--db", "--", "b.eml"])
        #expect(s.options == ["--db", "x.sqlite"])
        #expect(s.paths == ["a.eml", "-dash.eml", "--db", "--", "b.eml"])
    }

    @Test("'-' alone is a value: the standard input of --files-from, else a path")
    func singleDash() {
        #expect(split(["--files-from", "-", "a.eml"]) == split(["a.eml", "--files-from", "-"]))
        #expect(split(["--files-from", "-"]).options == ["--files-from", "-"])
        #expect(split(["-", "a.eml"]).paths == ["-", "a.eml"])
    }

    @Test("an option missing its value does not swallow the next option or a path after --; the parser reports it")
    func missingValue() {
        let s = split(["a.eml", "--db", "--mailbox-name", "m", "--files-from", "--", "b.eml"])
        #expect(s.options == ["--db", "--mailbox-name", "m", "--files-from"])
        #expect(s.paths == ["a.eml", "b.eml"])
    }

    @Test("an unknown option stays an option (the parser names it); the argument after it is a path")
    func unknownOption() {
        let s = split(["--bogus", "a.eml", "-x"])
        #expect(s.options == ["--bogus", "-x"])
        #expect(s.paths == ["a.eml"])
    }

    @Test("20,000 paths in one pass, order kept")
    func many() {
        let paths = (0..<20_000).map { "cur/\($0).eml" }
        let s = split(["--db", "x"] + paths + ["--mailbox-name", "m"])
        #expect(s.paths == paths)
        #expect(s.options == ["--db", "x", "--mailbox-name", "m"])
    }

    @Test("--files-from lines: one path a line, empty lines skipped, blanks kept")
    func lines() {
        #expect(PathList.lines(Array("a.eml\n\n b c.eml \nlast".utf8)) == ["a.eml", " b c.eml ", "last"])
        #expect(PathList.lines([]) == [])
    }
}
