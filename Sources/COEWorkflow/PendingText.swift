import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text a person wrote, saved before the command that sends it does anything else, and removed only
/// once its commit has landed: a command that fails, is refused or is killed leaves it saved.
///
/// Saved as `<git dir>/coe/unsent/<time>-<command>-<coe>-<pid>.txt` (written beside under a hidden
/// name, fsynced, renamed into place: never half a text); a failed command prints the path, and
/// `--file <path>` gives it to the same command again, which then reuses that file instead of saving
/// the text twice.
enum PendingText {
    /// Saves `text` (or finds it already saved) and returns the path; nil when it cannot be written anywhere.
    static func save(_ text: String, command: String, coe: String, repository: Repository) -> String? {
        let folder = WorkflowFolder(gitDirectory: repository.gitDirectory).unsent
        if let existing = find(text, in: folder) { return existing }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        // The reference may be a folder path: only characters safe in a file name are kept.
        let safe = String(coe.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" }.prefix(80))
        let name = "\(stamp)-\(command)-\(safe)-\(getpid()).txt"
        do {
            try DurableFiles.makeFolder(folder)
            let path = folder + "/" + name
            try DurableFiles.replace(path, with: Array(text.utf8), temporary: folder + "/." + name + ".\(getpid()).partial",
                                      mode: 0o600, durable: true)
            return path
        } catch {
            // The git directory itself cannot be written: the temporary folder is the last resort.
            let fallback = FileManager.default.temporaryDirectory.appendingPathComponent("coe-unsent-\(name)").path
            return (try? DurableFiles.replace(fallback, with: Array(text.utf8), temporary: fallback + ".partial", mode: 0o600,
                                                  durable: true)) != nil ? fallback : nil
        }
    }

    /// The saved text with the same words (surrounding blank space aside, as `--file` reads it), if any.
    static func find(_ text: String, in folder: String) -> String? {
        let wanted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        where name.hasSuffix(".txt") && !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let bytes = try? DurableFiles.read(path),
                  String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == wanted else { continue }
            return path
        }
        return nil
    }

    /// The process writing a partial text file `.<name>.<pid>.partial`.
    static func writer(ofPartial name: String) -> Int32? {
        guard name.hasSuffix(".partial") else { return nil }
        return Int32(name.dropLast(".partial".count).split(separator: ".").last ?? "")
    }

    /// The folder texts are saved in.
    static func folder(of repository: Repository) -> String { WorkflowFolder(gitDirectory: repository.gitDirectory).unsent }

    /// The texts saved in this repository, oldest first.
    static func saved(in repository: Repository) -> [String] {
        let folder = WorkflowFolder(gitDirectory: repository.gitDirectory).unsent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }
}
