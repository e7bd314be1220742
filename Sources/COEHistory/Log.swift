import COEFormat
import COEWorkspace
import GitKit

/// One entry of `coe log`: a commit and what it changed in the COE.
public struct LogEntry: Sendable {
    public let commit: CommitInfo
    public let path: String?
    public let statusFrom: COEStatus?
    public let statusTo: COEStatus?
    public let changes: [Change]
    /// True when the commit changed the content of a COE that was already approved (rule P7).
    public let afterApproval: Bool
}

/// `coe log`: a COE's history with the changes of each commit in the document's own terms.
public enum Log {
    public static func entries(ofCOE id: String, at path: String, from start: ObjectID, root: String, in repository: Repository) throws -> [LogEntry] {
        // Each version is read once: a commit's old version is usually the next older commit's new one.
        var versions: [String: Version] = [:]
        func version(_ path: String, _ tree: ObjectID, folder: ObjectID?) throws -> Version {
            let folder = try folder ?? repository.entry(atPath: path, inTree: tree)?.id
            let key = "\(path)\u{0}\(folder?.hex ?? "")"
            if let known = versions[key] { return known }
            let read = read(path, tree, folder: folder, repository)
            versions[key] = read
            return read
        }
        return try History.entries(ofCOE: id, at: path, from: start, root: root, in: repository).map { entry in
            let new = try entry.path.map { try version($0, entry.commit.tree, folder: entry.folder) }
            // Compared with the first parent that had the COE (a merge is compared with its first parent).
            var old: Version?
            if let parent = entry.commit.parents.first, let parentPath = entry.parentPaths.first ?? nil {
                old = try version(parentPath, try repository.commit(parent).tree, folder: entry.firstParentFolder)
            }
            var changes: [Change] = []
            for version in [old, new].compactMap({ $0 }) where version.document == nil {
                changes.append(Change(kind: .unreadable, item: version.path))
            }
            // Two readable versions, or a COE created or deleted: compare them.
            if (old == nil || old?.document != nil) && (new == nil || new?.document != nil) {
                changes += Changes.between(old?.document, new?.document)
            }
            let before = old?.document?.metadata.status, after = new?.document?.metadata.status
            let afterApproval = before?.isApproved == true && changes.contains(where: \.isContent)
            return LogEntry(commit: entry.commit, path: entry.path, statusFrom: before, statusTo: after, changes: changes,
                            afterApproval: afterApproval)
        }
    }

    struct Version {
        let path: String
        let document: COEDocument?
    }

    static func read(_ path: String, _ tree: ObjectID, folder: ObjectID?, _ repository: Repository) -> Version {
        let source = GitTreeSource(repository: repository, tree: tree, label: tree.abbreviated(), knownFolder: folder.map { (path, $0) })
        return Version(path: path, document: try? COEReader.read(directory: path, from: source))
    }
}
