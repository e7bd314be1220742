import Foundation
import GitKit

/// The text of a comment, reply, resolution or approval: from `-m`, from a file (`--file`, `-` for
/// standard input), or written in the editor git would open (`GIT_EDITOR`, `core.editor`,
/// `VISUAL`, `EDITOR`, then `vi`).
public enum MessageInput {
    /// The text; `readInput` reads standard input (`--file -`), `environment` names the editor.
    ///
    /// `beforeEditor` runs only when the editor is about to open: what can fail regardless of the text is
    /// checked before the user spends time writing it. The editor's text is saved (PendingText) as soon
    /// as the editor closes, before anything else can fail; the command then sends that saved text.
    public static func read(message: String?, file: String?, template: String, required: Bool, repository: Repository,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            readInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() },
                            beforeEditor: () throws -> Void = {}) throws -> String {
        if let message { return message }
        if let file {
            let data = file == "-" ? readInput() : FileManager.default.contents(atPath: file)
            guard let data else { throw WorkflowError.usage("cannot read \(file)") }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard required else { return "" }
        try beforeEditor()
        let editor = try environment["GIT_EDITOR"] ?? repository.configString("core.editor") ?? environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        let path = repository.gitDirectory + "COE_EDITMSG"
        try Data((template.isEmpty ? "" : "\n" + template.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$@\"", editor, path]
        do { try process.run() } catch { throw WorkflowError.usage("cannot start the editor '\(editor)': \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkflowError.usage("the editor '\(editor)' exited with status \(process.terminationStatus); nothing done (the text is in \(path))")
        }
        let text = strip(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
        guard !text.isEmpty else { throw WorkflowError.usage("empty text; nothing done") }
        _ = PendingText.save(text, command: "editor", coe: "text", repository: repository)
        return text
    }

    /// Without lines starting with `#` (the guidance in the editor), and without surrounding blank lines.
    static func strip(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
