import COEWorkspace
import Foundation

/// Writes a file that must not exist yet, creating its folders; the error names the path.
func writeNewFile(_ text: String, to path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    } catch {
        throw WorkspaceError("cannot write \(path): \(error.localizedDescription)")
    }
}
