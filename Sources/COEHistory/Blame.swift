import COEFormat
import COEWorkspace
import GitKit

/// Who last changed each line of a COE's files, and each action item and timeline entry, as of a commit.
public enum Blame {
    /// One line of a file and the commit that last changed it.
    public struct Line: Sendable {
        public let number: Int
        public let text: String
        public let commit: ObjectID
        public let author: Signature
    }

    public struct File: Sendable {
        public let path: String
        public let lines: [Line]
    }

    /// An action item or a timeline entry, and the newest of the commits that last changed its lines.
    public struct Item: Sendable {
        public enum Kind: String, Sendable { case action, timeline }
        public let kind: Kind
        /// The action id, or the entry's time.
        public let item: String
        public let file: String
        public let lines: ClosedRange<Int>
        public let commit: ObjectID
        public let author: Signature
    }

    public struct Result: Sendable {
        public let files: [File]
        public let items: [Item]
    }

    /// The names `coe blame` takes for a part: the parts of the standard and `metadata` (coe.yaml).
    public static let partNames = ["metadata"] + Part.allCases.map(\.rawValue)

    /// Blames the files of `parts` (all when empty) of the COE in `directory` as of `commit`, read within
    /// `limits` (the configuration's, `Configuration.readLimits`); `root` is the COE root, whose history
    /// index finds the commits that changed the COE.
    public static func blame(directory: String, parts: [String], at commit: ObjectID, root: String, limits: ReadLimits,
                             in repository: Repository) throws -> Result {
        try IncompleteHistory.checking { try lines(directory: directory, parts: parts, at: commit, root: root, limits: limits, in: repository) }
    }

    private static func lines(directory: String, parts: [String], at commit: ObjectID, root: String, limits: ReadLimits,
                              in repository: Repository) throws -> Result {
        if repository.isShallow { throw IncompleteHistory() }
        let tree = try repository.commit(commit).tree
        let document = try COEReader.read(directory: directory, from: GitTreeSource(repository: repository, tree: tree, label: commit.abbreviated()),
                                          limits: limits)
        let wanted = parts.isEmpty ? partNames : parts
        var paths: [String] = []
        for name in wanted {
            if name == "metadata" { paths.append(document.path(COELayout.metadataFile)); continue }
            guard let part = Part(rawValue: name) else { continue }
            switch part {
            case .actions: paths += document.actions.map(\.file)
            case .metrics: paths += document.metrics.map(\.file)
            default: paths.append(document.path(part.path))
            }
        }
        // The commits that changed the COE, newest first (following its folder if it moved): each file's
        // lines are passed back through them, not through every commit of the repository.
        let history = try History.entries(ofCOE: String(COELayout.lastName(of: directory)), at: directory, from: commit,
                                          root: root, in: repository)
        var files: [File] = []
        for path in paths {
            guard let entry = try repository.entry(atPath: path, inTree: tree), entry.kind == .blob else { continue }
            let blamed = try lastChanges(of: String(path.dropFirst(directory.count + 1)), blob: entry.id, history: history, in: repository)
            files.append(File(path: path, lines: blamed))
        }
        return Result(files: files, items: items(of: document, files: files, wanted: wanted))
    }

    /// The commit that last changed each line of the file at `relative` (a path inside the COE's folder),
    /// whose content at the start is `blob`.
    ///
    /// Lines still to place wait under the content (blob) they are in. Going through the COE's history
    /// newest first, a commit whose version of the file is a content some lines wait under, and none of
    /// its parents has that content, changed the file: its version is compared with each parent's
    /// (`LineDiff`, first parent first), lines a parent has go on waiting under the parent's content, and
    /// the others are this commit's. What git blame does, on the commits that changed the COE only.
    static func lastChanges(of relative: String, blob start: ObjectID, history: [HistoryEntry], in repository: Repository) throws -> [Line] {
        var texts: [ObjectID: [Substring]] = [:]
        func text(_ blob: ObjectID) throws -> [Substring] {
            if let known = texts[blob] { return known }
            var text = String(decoding: try repository.blob(blob), as: UTF8.self)[...]
            if text.hasSuffix("\n") { text = text.dropLast() }
            let split = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
            texts[blob] = split
            return split
        }
        /// The file's blob in a COE folder (nil: not there).
        func blob(inFolder folder: ObjectID?) throws -> ObjectID? {
            guard let folder, let entry = try repository.entry(atPath: relative, inTree: folder), entry.kind == .blob else { return nil }
            return entry.id
        }
        let count = try text(start).count
        // Waiting lines: under a content, (line in that content, line in the file at the start).
        var waiting: [ObjectID: [(at: Int, line: Int)]] = [start: (0..<count).map { ($0, $0) }]
        var owner = [HistoryEntry?](repeating: nil, count: count)
        var oldest: HistoryEntry?
        for entry in history where !waiting.isEmpty {
            oldest = entry
            guard let here = try blob(inFolder: entry.folderTree(in: repository)), let lines = waiting[here] else { continue }
            var parentBlobs: [ObjectID] = []
            for number in entry.commit.parents.indices {
                if let parentBlob = try blob(inFolder: entry.parentFolderTree(number, in: repository)) { parentBlobs.append(parentBlob) }
            }
            // The file as a parent had it: this commit did not change it (an older one made this content).
            if parentBlobs.contains(here) { continue }
            waiting[here] = nil
            var left = lines
            for parentBlob in parentBlobs where !left.isEmpty {
                let matched = LineDiff.matches(old: try text(parentBlob), new: try text(here))
                var still: [(at: Int, line: Int)] = []
                for line in left {
                    if let at = matched[line.at] { waiting[parentBlob, default: []].append((at, line.line)) } else { still.append(line) }
                }
                left = still
            }
            for line in left { owner[line.line] = entry }
        }
        // Lines whose content no listed commit made (a history cut short): the oldest commit seen has them.
        for lines in waiting.values { for line in lines { owner[line.line] = owner[line.line] ?? oldest } }
        let startText = try text(start)
        return try (0..<count).map { number in
            guard let entry = owner[number] else {
                throw IncompleteHistory(.missingObject("no commit in the COE's history made line \(number + 1) of \(relative)"))
            }
            return Line(number: number + 1, text: String(startText[number]), commit: entry.commit.id, author: entry.commit.author)
        }
    }

    /// Each action item (its whole file) and each timeline entry (its lines up to the next entry).
    static func items(of document: COEDocument, files: [File], wanted: [String]) -> [Item] {
        func newest(_ lines: [Line]) -> Line? { lines.max { ($0.author.time, $0.number) < ($1.author.time, $1.number) } }
        var items: [Item] = []
        if wanted.contains(Part.actions.rawValue) {
            for action in document.actions {
                guard let file = files.first(where: { $0.path == action.file }), let last = newest(file.lines),
                      let first = file.lines.first?.number, let end = file.lines.last?.number else { continue }
                items.append(Item(kind: .action, item: action.id, file: action.file, lines: first...end, commit: last.commit, author: last.author))
            }
        }
        if wanted.contains(Part.timeline.rawValue), let file = files.first(where: { $0.path == document.path(Part.timeline.path) }) {
            let starts = document.timeline.map(\.position.line)
            for (index, entry) in document.timeline.enumerated() {
                var end = index + 1 < starts.count ? starts[index + 1] - 1 : (file.lines.last?.number ?? entry.position.line)
                while end > entry.position.line, file.lines.first(where: { $0.number == end })?.text.allSatisfy(\.isWhitespace) ?? false { end -= 1 }
                let range = entry.position.line...max(entry.position.line, end)
                guard let last = newest(file.lines.filter { range.contains($0.number) }) else { continue }
                items.append(Item(kind: .timeline, item: entry.at.description, file: file.path, lines: range, commit: last.commit, author: last.author))
            }
        }
        return items
    }
}
