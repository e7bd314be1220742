import COEFormat
import COEWorkspace
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
            try writeNewFile(Configuration().serialized(), to: configPath)
            wroteConfiguration = true
        }
        let rootPath = workspace.workTree + "/" + workspace.root
        let keep = rootPath + "/.gitkeep"
        var createdRoot = false
        if !fileManager.fileExists(atPath: rootPath) {
            try writeNewFile("", to: keep)
            createdRoot = true
        } else if (try? fileManager.contentsOfDirectory(atPath: rootPath))?.isEmpty ?? false {
            try writeNewFile("", to: keep)
        }
        return Outcome(workTree: workspace.workTree, createdRepository: createdRepository,
                       wroteConfiguration: wroteConfiguration, createdRoot: createdRoot, root: workspace.root)
    }
}
