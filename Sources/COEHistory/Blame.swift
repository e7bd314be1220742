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

    /// Blames the files of `parts` (all when empty) of the COE in `directory` as of `commit`.
    public static func blame(directory: String, parts: [String], at commit: ObjectID, in repository: Repository) throws -> Result {
        try IncompleteHistory.checking { try lines(directory: directory, parts: parts, at: commit, in: repository) }
    }

    private static func lines(directory: String, parts: [String], at commit: ObjectID, in repository: Repository) throws -> Result {
        if repository.isShallow { throw IncompleteHistory() }
        let tree = try repository.commit(commit).tree
        let document = try COEReader.read(directory: directory, from: GitTreeSource(repository: repository, tree: tree, label: commit.abbreviated()))
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
        var files: [File] = []
        for path in paths {
            guard let entry = try repository.entry(atPath: path, inTree: tree), entry.kind == .blob else { continue }
            let texts = String(decoding: try repository.blob(entry.id), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            var lines: [Line] = []
            for hunk in try repository.blame(path: path, newest: commit) {
                for number in hunk.startLine..<(hunk.startLine + hunk.lineCount) where number - 1 < texts.count {
                    lines.append(Line(number: number, text: String(texts[number - 1]), commit: hunk.commit, author: hunk.author))
                }
            }
            files.append(File(path: path, lines: lines.sorted { $0.number < $1.number }))
        }
        return Result(files: files, items: items(of: document, files: files, wanted: wanted))
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
