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
    /// How many versions to parse make it worth another thread.
    static let versionsPerThread = 24

    /// The entries of the COE `id` at `path` as of `start`, newest first; each version is read within `limits`
    /// (the configuration's, `Configuration.readLimits`), a version beyond them being a change "unreadable".
    public static func entries(ofCOE id: String, at path: String, from start: ObjectID, root: String, limits: ReadLimits,
                               in repository: Repository) throws -> [LogEntry] {
        try IncompleteHistory.checking { try summarised(ofCOE: id, at: path, from: start, root: root, limits: limits, in: repository) }
    }

    private static func summarised(ofCOE id: String, at path: String, from start: ObjectID, root: String, limits: ReadLimits,
                                   in repository: Repository) throws -> [LogEntry] {
        let history = try History.entries(ofCOE: id, at: path, from: start, root: root, in: repository)
        let cache = LogCache(repository: repository, folder: String(path.split(separator: "/").last ?? Substring(path)), limits: limits)
        func key(_ entry: HistoryEntry) -> LogCache.Key { LogCache.Key(commit: entry.commit.id, path: entry.path, parentPath: entry.parentPaths.first ?? nil) }
        let missing = history.filter { cache[key($0)] == nil }
        if !missing.isEmpty {
            // Each version is parsed once (a commit's old version is usually the next older commit's new
            // one), on every core when there are many.
            var versions: [VersionKey] = []
            var seen: Set<String> = []
            var sides: [(old: VersionKey?, new: VersionKey?)] = []
            for entry in missing {
                var old: VersionKey?
                // Compared with the first parent that had the COE (a merge is compared with its first parent).
                if let parent = entry.commit.parents.first, let parentPath = entry.parentPaths.first ?? nil {
                    let parentTree = try repository.commitSkeleton(parent).tree
                    old = VersionKey(path: parentPath, tree: parentTree, folder: try entry.parentFolderTree(0, in: repository, parentTree: parentTree))
                }
                let new = try entry.path.map { VersionKey(path: $0, tree: entry.commit.tree, folder: try entry.folderTree(in: repository)) }
                for version in [old, new].compactMap({ $0 }) where seen.insert(version.name).inserted { versions.append(version) }
                sides.append((old, new))
            }
            let parsed = try Parallel.map(versions, in: repository, itemsPerThread: versionsPerThread, context: { $0 }) { version, repository in
                try version.read(repository, limits: limits)
            }
            let documents = Dictionary(uniqueKeysWithValues: zip(versions.map(\.name), parsed))
            for (entry, side) in zip(missing, sides) {
                let old = side.old.map { (path: $0.path, document: documents[$0.name]!) }
                let new = side.new.map { (path: $0.path, document: documents[$0.name]!) }
                var changes: [Change] = []
                for version in [old, new].compactMap({ $0 }) where version.document == nil {
                    changes.append(Change(kind: .unreadable, item: version.path))
                }
                // Two readable versions, or a COE created or deleted: compare them.
                if (old == nil || old?.document != nil) && (new == nil || new?.document != nil) {
                    changes += Changes.between(old?.document ?? nil, new?.document ?? nil)
                }
                cache.add(LogCache.Summary(statusFrom: old?.document?.metadata.status, statusTo: new?.document?.metadata.status, changes: changes),
                          for: key(entry))
            }
        }
        cache.save()
        return history.map { entry in
            let summary = cache[key(entry)]!
            let afterApproval = summary.statusFrom?.isApproved == true && summary.changes.contains(where: \.isContent)
            return LogEntry(commit: entry.commit, path: entry.path, statusFrom: summary.statusFrom, statusTo: summary.statusTo,
                            changes: summary.changes, afterApproval: afterApproval)
        }
    }

    /// A version of the COE to read: its folder's path, the commit's tree, and the folder's tree id.
    struct VersionKey: Sendable {
        let path: String
        let tree: ObjectID
        /// The folder's tree id (nil: no folder there).
        let folder: ObjectID?

        /// Two keys with the same name read the same document.
        var name: String { "\(path)\u{0}\(folder?.hex ?? "")" }

        /// The document, nil when it cannot be read as one; an error when the repository cannot be read.
        func read(_ repository: Repository, limits: ReadLimits) throws -> COEDocument? {
            let source = GitTreeSource(repository: repository, tree: tree, label: tree.abbreviated(), knownFolder: folder.map { (path, $0) })
            do {
                return try COEReader.read(directory: path, from: source, limits: limits)
            } catch let error as GitError {
                throw error
            } catch {
                return nil
            }
        }
    }
}
