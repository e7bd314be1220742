import COEFormat
import Foundation
import GitKit

/// `coe init`: prepares a git repository for COEs.
public enum Initializer {
    /// What `initialise` did, for the command to report.
    public struct Outcome: Sendable {
        public var workTree: String
        public var createdRepository: Bool
        public var wroteConfiguration: Bool
        public var createdRoot: Bool
        public var root: String
    }

    /// Writes `.coe.yaml` (when absent) and the COE root folder in the repository containing `path`.
    ///
    /// With `create`, a repository is created at `path` when there is none there;
    /// without it, a folder outside any git repository is refused. Running it again changes nothing.
    public static func initialise(at path: String, create: Bool) throws -> Outcome {
        let fileManager = FileManager.default
        var createdRepository = false
        if create, !fileManager.fileExists(atPath: path) || (try? Repository.discover(from: path)) == nil {
            _ = try Repository.create(at: path)
            createdRepository = true
        }
        if !fileManager.fileExists(atPath: path) {
            throw WorkspaceError("no such folder: \(path); 'coe init \(path)' creates a repository there")
        }
        let workspace = try Workspace(at: path)
        let configPath = workspace.workTree + "/" + Configuration.fileName
        var wroteConfiguration = false
        if !workspace.hasConfigurationFile {
            try write(Configuration().serialized(), to: configPath)
            wroteConfiguration = true
        }
        let rootPath = workspace.workTree + "/" + workspace.root
        let keep = rootPath + "/.gitkeep"
        var createdRoot = false
        if !fileManager.fileExists(atPath: rootPath) {
            try fileManager.createDirectory(atPath: rootPath, withIntermediateDirectories: true)
            createdRoot = true
        }
        if (try? fileManager.contentsOfDirectory(atPath: rootPath))?.isEmpty ?? false {
            try write("", to: keep)
        }
        return Outcome(workTree: workspace.workTree, createdRepository: createdRepository,
                       wroteConfiguration: wroteConfiguration, createdRoot: createdRoot, root: workspace.root)
    }

    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw WorkspaceError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
