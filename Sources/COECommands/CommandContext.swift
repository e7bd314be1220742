import ArgumentParser
import COEApp
import COEFormat
import COEWorkspace
import Foundation

/// Where a command writes text: a file descriptor (standard output or error), or memory (a test).
public final class CommandOutput {
    /// True when the output is a terminal: `--color auto` colours only then.
    public let isTerminal: Bool
    private let handle: FileHandle?
    private var captured: [UInt8] = []

    private init(handle: FileHandle?, isTerminal: Bool) {
        self.handle = handle
        self.isTerminal = isTerminal
    }

    /// The process's standard output.
    public static func standardOutput() -> CommandOutput { CommandOutput(handle: .standardOutput, isTerminal: isatty(1) == 1) }

    /// The process's standard error.
    public static func standardError() -> CommandOutput { CommandOutput(handle: .standardError, isTerminal: isatty(2) == 1) }

    /// Memory, read back with `text`; `isTerminal` decides what `--color auto` does.
    public static func memory(isTerminal: Bool = false) -> CommandOutput { CommandOutput(handle: nil, isTerminal: isTerminal) }

    /// What was written to a memory output.
    public var text: String { String(decoding: captured, as: UTF8.self) }

    /// Writes bytes as they are.
    public func write(_ bytes: [UInt8]) {
        guard let handle else {
            captured.append(contentsOf: bytes)
            return
        }
        // Where writing fails (a reader that went away, with SIGPIPE ignored), the output ends there;
        // FileHandle.write(_:) would trap instead.
        try? handle.write(contentsOf: bytes)
    }

    /// Writes text for people (every format but JSON and SARIF): each control character in it shown
    /// escaped, coe's own colours kept (`TerminalText.shown`, the one place this is done).
    public func write(_ text: String) { write(Array(TerminalText.shown(text).utf8)) }

    /// Writes text for programs (JSON, SARIF) exactly as it is: their own escaping keeps control characters out.
    public func write(exact text: String) { write(Array(text.utf8)) }

    /// Writes text for people as a line: with a final newline, unless it has one.
    public func line(_ text: String) { write(text.hasSuffix("\n") ? text : text + "\n") }
}

/// What one run of `coe` reads and writes: the process's own streams, environment and folder, or a
/// test's, so that commands run in-process as well as in the built binary.
public struct CommandContext {
    /// Standard output: what the command was asked for.
    public var output: CommandOutput
    /// Standard error: problems, and the hooks' findings (git shows a server's as "remote: …").
    public var errors: CommandOutput
    /// Reads the whole of standard input (the hooks' ref lists, `--file -`).
    public var readInput: () -> Data
    /// The environment: `NO_COLOR`, `TERM`, `COE_NOW`, git's identity and editor variables, the hook variables.
    public var environment: [String: String]
    /// The folder relative paths are read from, and the repository found from.
    public var currentDirectory: String
    /// The width `--help` and usage messages wrap at; nil: the terminal's (or 80).
    public var columns: Int?
    /// `--color`, as the command was given it.
    public var color: ColorChoice = .auto

    /// A context of the given streams, environment and folder; standard input is empty unless `readInput` reads one.
    public init(output: CommandOutput, errors: CommandOutput, readInput: @escaping () -> Data = { Data() },
                environment: [String: String], currentDirectory: String, columns: Int? = nil) {
        self.output = output
        self.errors = errors
        self.readInput = readInput
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.columns = columns
    }

    /// The process's own streams, environment and current folder.
    public static func process() -> CommandContext {
        CommandContext(output: .standardOutput(), errors: .standardError(),
                       readInput: { FileHandle.standardInput.readDataToEndOfFile() },
                       environment: ProcessInfo.processInfo.environment, currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The styling of standard output.
    public var outputStyle: TextStyle { TextStyle(color, isTerminal: output.isTerminal, environment: environment) }

    /// The styling of standard error.
    public var errorStyle: TextStyle { TextStyle(color, isTerminal: errors.isTerminal, environment: environment) }

    /// A path the user gave, read from the current folder when relative.
    public func path(_ given: String) -> String {
        given.hasPrefix("/") ? given : (currentDirectory as NSString).appendingPathComponent(given)
    }

    /// Now, in seconds since 1970: `COE_NOW` when set (seconds, or a time such as 2026-11-22T16:15:00Z),
    /// else the clock. Every command's "now" and "today" come from here, so tests and managed servers can set it.
    public func now() throws -> Int64 {
        guard let text = environment["COE_NOW"], !text.isEmpty else { return Int64(Date().timeIntervalSince1970) }
        if let seconds = Int64(text) { return seconds }
        guard let stamp = Timestamp(text) else {
            // A setting, not the command line: reported as a plain error, without a usage line.
            throw WorkspaceError("COE_NOW '\(text)' is neither seconds since 1970 nor a time such as 2026-11-22T16:15:00Z")
        }
        return stamp.seconds
    }

    /// The date given (`--today`, `--created`), or today's in UTC.
    public func today(_ given: CalendarDate?) throws -> CalendarDate {
        if let given { return given }
        return CalendarDate(utcSeconds: try now())
    }
}

/// `--color`, which every command takes.
struct ColorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
                               valueName: "when"))
    var color: ColorChoice = .auto
}

extension ColorChoice: ExpressibleByArgument {}

/// A `coe` command: it runs in a context (its streams, environment and folder) instead of the process's.
protocol ContextualCommand: ParsableCommand {
    /// `--color`.
    var colorOptions: ColorOptions { get }

    /// Does the command's work, writing to the context's streams.
    func run(in context: CommandContext) throws
}

extension ContextualCommand {
    /// Run through swift-argument-parser's own entry point: in the process's context.
    func run() throws {
        var context = CommandContext.process()
        context.color = colorOptions.color
        try run(in: context)
    }
}
