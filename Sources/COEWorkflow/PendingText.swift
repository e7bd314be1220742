import Foundation
import GitKit

/// Text a person wrote that could not be committed, kept so that it is never lost.
///
/// Saved as `<git dir>/coe/unsent/<time>-<command>-<coe>.txt`; the command prints the path, and
/// `--file <path>` gives it to the same command again.
enum PendingText {
    static func save(_ text: String, command: String, coe: String, repository: Repository) -> String? {
        let folder = repository.gitDirectory + "coe/unsent"
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let path = "\(folder)/\(stamp)-\(command)-\(coe)-\(getpid()).txt"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        } catch {
            // The git directory itself cannot be written: the temporary folder is the last resort.
            let fallback = FileManager.default.temporaryDirectory.appendingPathComponent("coe-unsent-\(stamp)-\(getpid()).txt").path
            return (try? Data(text.utf8).write(to: URL(fileURLWithPath: fallback))) != nil ? fallback : nil
        }
    }
}
