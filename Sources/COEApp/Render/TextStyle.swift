import Foundation

/// ANSI styling that is on only for a terminal, and off when `NO_COLOR` is set or `TERM` is `dumb`.
public struct TextStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Styling for standard output (or standard error), decided from the environment.
    public static func forStream(_ fileDescriptor: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment) -> TextStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TextStyle(enabled: isatty(fileDescriptor) == 1 && !noColor && environment["TERM"] != "dumb")
    }

    private func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
}
