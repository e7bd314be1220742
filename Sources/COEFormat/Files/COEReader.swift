/// Reads a COE folder from a `FileSource` into a `COEDocument`, reporting every problem with its position.
///
/// A COE is files and folders only: a symbolic link, a submodule (gitlink), a FIFO or device, and
/// two names that differ only in case are errors, and none of them is read. Every read is bounded
/// (`ReadLimits`): a file's size is checked before it is read, the COE's bytes and entries are
/// counted as it is read, and a file that cannot be read makes this COE unreadable, not the run.
public enum COEReader {
    /// Attachments larger than this are not read as text.
    static let maximumTextAttachment = 1 << 20

    /// Reads the COE in `directory` (relative to the repository root).
    ///
    /// Throws `FormatError` with all the diagnostics found (each file is read even when another has
    /// failed, and a file the source refuses to read, with a `SourceError`, is one of them), or the
    /// source's own error when the repository itself cannot be read (a missing object, say).
    ///
    /// With `parts`, only coe.yaml and those parts are read and parsed (the other parts are left empty, and
    /// the review record and attachments unread): for the commands that list across every COE (`coe
    /// actions`, `coe remind`, `coe report`), which need a few files of each. The folder's listing is
    /// checked whole all the same (unknown, missing, linked or special entries).
    ///
    /// With `cache`, coe.yaml and the action items are taken from it when their stamps have not changed
    /// (`ParsedFileCache`), and kept in it when they parse cleanly; their text is then not in `sources`.
    public static func read(directory: String, from source: FileSource, limits: ReadLimits = .default,
                            parts: Set<Part>? = nil, cache: ParsedFileCache? = nil) throws -> COEDocument {
        func wanted(_ part: Part) -> Bool { parts?.contains(part) ?? true }
        var reading = Reading(directory: directory, source: source.holding(directory), limits: limits)
        let entries: [FileEntry]
        switch try reading.listing(of: "") {
        case .listed(let listed): entries = listed
        case .absent:
            throw FormatError([Diagnostic(file: directory, message: notAFolder(try source.kind(of: directory)))])
        case .failed:
            throw FormatError(reading.problems)
        }
        var knownTopLevel: Set<String> = [COELayout.metadataFile, "attachments", ReviewFile.folder]
        for part in Part.allCases { knownTopLevel.insert(part.path.hasSuffix("/") ? String(part.path.dropLast()) : part.path) }
        let top = Dictionary(entries.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })

        // Decodes and parses one file; nil (with problems recorded) when it is missing, not a plain file, or bad.
        func parse<T>(_ name: String, required: Bool, kind: FileKind?, _ parser: (SourceText) throws -> T) throws -> T? {
            switch kind {
            case nil:
                if required { reading.problems.append(Diagnostic(file: reading.path(name), message: "missing required file")) }
                return nil
            case .file?:
                guard let text = try reading.text(name) else { return nil }
                do {
                    return try parser(text)
                } catch let error as FormatError {
                    reading.problems += error.diagnostics
                } catch {
                    reading.problems.append(Diagnostic(file: text.file, message: "cannot be read: \(error)"))
                }
                return nil
            case .directory?:
                reading.problems.append(Diagnostic(file: reading.path(name), message: "must be a file, not a folder"))
                return nil
            default:
                return nil  // A link, submodule or special file: reported with the listing.
            }
        }

        // `parse`, through the cache when there is one and the source has stamps. The stamp is taken before the
        // file is read: a file that changes in between is kept under its old stamp, which the next run no longer sees.
        func parseCached<T: CachedParse>(_ name: String, kind: FileKind?, stamp known: FileStamp? = nil,
                                         _ parser: (SourceText) throws -> T) throws -> T? {
            let file = reading.path(name)
            guard let cache, kind == .file, !reading.stopped, let stamp = known ?? reading.source.stamp(of: file) else {
                return try parse(name, required: true, kind: kind, parser)
            }
            if stamp.size <= min(limits.fileBytes, reading.bytesLeft), let value = cache.value(file, stamp: stamp, { try T(from: &$0) }) {
                reading.bytesLeft -= Int(stamp.size)
                return value
            }
            let value = try parse(name, required: true, kind: kind, parser)
            if let value { cache.keep(file, stamp: stamp) { value.encode(to: &$0) } }
            return value
        }

        for entry in entries where !knownTopLevel.contains(entry.name) && !COELayout.placeholderNames.contains(entry.name) {
            var message = "unknown \(entry.kind == .directory ? "folder" : "file") in a COE"
            if let near = nearest(entry.name, in: knownTopLevel) { message += "; did you mean '\(near)'?" }
            else { message += "; supporting material goes in attachments/" }
            reading.problems.append(Diagnostic(file: reading.path(entry.name), level: .error, rule: "S3", message: message))
        }

        let metadata = try parseCached(COELayout.metadataFile, kind: top[COELayout.metadataFile]) {
            try MetadataFile.parse($0, limits: limits)
        }
        // A part not wanted is not read: only its presence is checked, from the listing.
        func unread(_ part: Part) -> Bool {
            guard !wanted(part) else { return false }
            switch top[part.path] {
            case nil: reading.problems.append(Diagnostic(file: reading.path(part.path), message: "missing required file"))
            case .directory?: reading.problems.append(Diagnostic(file: reading.path(part.path), message: "must be a file, not a folder"))
            default: break
            }
            return true
        }
        func prose(_ part: Part) throws -> Prose {
            if unread(part) { return Prose(file: reading.path(part.path), text: "") }
            return try parse(part.path, required: true, kind: top[part.path]) { try checkedMarkdown($0) }
                ?? Prose(file: reading.path(part.path), text: "")
        }
        let summary = try prose(.summary)
        let impact = try prose(.impact)
        let response = try prose(.response)
        let analysis = try prose(.analysis)
        let timeline = unread(.timeline) ? [] : try parse(Part.timeline.path, required: true, kind: top[Part.timeline.path]) {
            try TimelineFile.parse($0, limits: limits)
        } ?? []
        let whys = unread(.whys) ? FiveWhys() : try parse(Part.whys.path, required: true, kind: top[Part.whys.path]) {
            try WhysFile.parse($0, limits: limits)
        } ?? FiveWhys()
        let lessons = unread(.lessons) ? [] : try parse(Part.lessons.path, required: true, kind: top[Part.lessons.path]) {
            try LessonsFile.parse($0, limits: limits)
        } ?? []
        var assets: [String] = []

        // The listing of a folder of the COE; nil when it is absent, not a folder (reported) or unreadable.
        func folder(_ name: String) throws -> [FileEntry]? {
            guard let kind = top[name], !reading.stopped else { return nil }
            guard kind == .directory else {
                if kind == .file { reading.problems.append(Diagnostic(file: reading.path(name), message: "must be a folder")) }
                return nil
            }
            guard case .listed(let listing) = try reading.listing(of: name) else { return nil }
            return listing.filter { $0.kind == .file || $0.kind == .directory }
        }

        var graphs: [Graph] = []
        if wanted(.metrics), let metricEntries = try folder("metrics") {
            for entry in metricEntries where !COELayout.placeholderNames.contains(entry.name) {
                let ext = entry.name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if entry.name.hasSuffix(".yaml") {
                    if let graph = try parse("metrics/\(entry.name)", required: true, kind: entry.kind,
                                             { try GraphFile.parse($0, limits: limits) }) {
                        graphs.append(graph)
                    }
                } else if COELayout.imageExtensions.contains(ext), entry.kind == .file {
                    assets.append("metrics/\(entry.name)")
                } else {
                    reading.problems.append(Diagnostic(file: reading.path("metrics/\(entry.name)"), rule: "S3",
                        message: "unknown file in metrics/; it holds graph files (.yaml) and their images "
                            + "(\(COELayout.imageExtensions.sorted().joined(separator: ", ")))"))
                }
            }
            for graph in graphs {
                if let image = graph.image, !assets.contains("metrics/\(image)") {
                    reading.problems.append(Diagnostic(file: graph.file, position: graph.positions["image"],
                        message: "image '\(image)' is not in the metrics folder"))
                }
            }
        }

        var actions: [ActionItem] = []
        if wanted(.actions), let actionEntries = try folder("actions") {
            // One look at the folder for every item's stamp, when there is a cache to ask.
            let stamps = cache == nil ? [:] : reading.source.stamps(in: reading.path("actions"))
            for entry in actionEntries where !COELayout.placeholderNames.contains(entry.name) {
                guard let id = ActionFile.id(fromFileName: entry.name), entry.kind != .directory else {
                    reading.problems.append(Diagnostic(file: reading.path("actions/\(entry.name)"), rule: "S3",
                        message: "unknown file in actions/; each action item is a file named <ID>.yaml, such as A1.yaml"))
                    continue
                }
                if let item = try parseCached("actions/\(entry.name)", kind: entry.kind, stamp: stamps[entry.name],
                                              { try ActionFile.parse($0, id: id, limits: limits) }) {
                    actions.append(item)
                }
            }
        }
        actions.sort { naturalLess($0.id, $1.id) }

        var review: [ReviewRecord] = []
        if parts == nil, let reviewEntries = try folder(ReviewFile.folder) {
            for entry in reviewEntries where !COELayout.placeholderNames.contains(entry.name) {
                guard let id = ReviewFile.id(fromFileName: entry.name), entry.kind != .directory else {
                    reading.problems.append(Diagnostic(file: reading.path("\(ReviewFile.folder)/\(entry.name)"), rule: "S3",
                        message: "unknown file in review/; it holds the review records coe writes, named <time>-<hash>.yaml"))
                    continue
                }
                if let record = try parse("\(ReviewFile.folder)/\(entry.name)", required: true, kind: entry.kind,
                                      { try ReviewFile.parse($0, id: id, limits: limits) }) {
                    review.append(record)
                }
            }
        }
        review.sort { $0.id < $1.id }

        if parts == nil, let attachments = try folder("attachments") {
            for entry in attachments where entry.kind == .file && !COELayout.placeholderNames.contains(entry.name) {
                let file = "attachments/\(entry.name)"
                assets.append(file)
                // Text attachments are kept for the secrets check (B6); binary or huge ones are not read as text.
                if let text = try reading.attachmentText(file, limit: maximumTextAttachment) { reading.sources[reading.path(file)] = text }
            }
            // Folders inside attachments/ are not read, but they too hold only files and folders.
            var pending = attachments.filter { $0.kind == .directory }.map { "attachments/\($0.name)" }
            while let next = pending.popLast(), !reading.stopped {
                guard case .listed(let listing) = try reading.listing(of: next) else { continue }
                pending += listing.filter { $0.kind == .directory }.map { "\(next)/\($0.name)" }
            }
        }

        if let metadata, let problem = folderProblem(metadata, directory: directory) { reading.problems.append(problem) }

        guard reading.problems.filter({ $0.level == .error }).isEmpty, let metadata else { throw FormatError(reading.problems) }
        var document = COEDocument(directory: directory, metadata: metadata, summary: summary, metrics: graphs, impact: impact,
                                   response: response, analysis: analysis, timeline: timeline, whys: whys, actions: actions,
                                   lessons: lessons, assets: assets.sorted())
        document.sources = reading.sources
        document.review = review
        return document
    }

    /// The COE's metadata alone, from its coe.yaml, for a listing (`coe list`): the folder's other entries are
    /// neither listed nor checked (`coe lint` and `read` do that). Through `cache` when the file's stamp has not
    /// changed, as `read` takes it. Throws `FormatError` when coe.yaml is missing, not a file, too large or bad,
    /// or names another id than its folder.
    public static func readMetadata(directory: String, from source: FileSource, limits: ReadLimits = .default,
                                    cache: ParsedFileCache? = nil) throws -> Metadata {
        var reading = Reading(directory: directory, source: source, limits: limits)
        let file = reading.path(COELayout.metadataFile)
        let stamp = cache == nil ? nil : source.stamp(of: file)
        if let cache, let stamp, stamp.size <= limits.fileBytes, let metadata = cache.value(file, stamp: stamp, { try Metadata(from: &$0) }) {
            if let problem = folderProblem(metadata, directory: directory) { throw FormatError([problem]) }
            return metadata
        }
        var metadata: Metadata?
        if let text = try reading.text(COELayout.metadataFile, absent: "missing required file") {
            do {
                metadata = try MetadataFile.parse(text, limits: limits)
            } catch let error as FormatError {
                reading.problems += error.diagnostics
            }
        } else if let kind = try source.kind(of: directory), kind != .directory {
            // Not a folder at all (a file, a link where a COE folder should be): that, not its coe.yaml, is the problem.
            reading.problems = [Diagnostic(file: directory, message: notAFolder(kind))]
        }
        guard let metadata else { throw FormatError(reading.problems) }
        if let cache, let stamp { cache.keep(file, stamp: stamp) { metadata.encode(to: &$0) } }
        if let problem = folderProblem(metadata, directory: directory) { throw FormatError([problem]) }
        return metadata
    }

    /// The problem of a coe.yaml whose id is not its folder's name.
    static func folderProblem(_ metadata: Metadata, directory: String) -> Diagnostic? {
        let folderName = COELayout.lastName(of: directory)
        guard !folderName.isEmpty, folderName != metadata.id else { return nil }
        return Diagnostic(file: directory.isEmpty ? COELayout.metadataFile : "\(directory)/\(COELayout.metadataFile)", position: metadata.positions["id"],
            message: "id '\(COEID.escaped(metadata.id))' differs from the folder name '\(COEID.escaped(String(folderName)))'; "
                + "a COE's folder is named by its id")
    }

    /// Why a COE folder could not be listed, from what is at its path.
    static func notAFolder(_ kind: FileKind?) -> String {
        switch kind {
        case nil, .directory?: return "no such COE folder"
        case .file?: return "is a file, not a COE folder; the COE root holds one folder per COE"
        case .symlink?: return "is a symbolic link, not a COE folder; coe never follows links (move the folder here instead)"
        case .submodule?: return "is a git submodule (a gitlink), not a COE folder; a COE is files and folders in this repository"
        case .other?: return "is not a folder (a FIFO, socket or device); the COE root holds one folder per COE"
        }
    }

    /// The problems with a folder's entries: links, submodules, special files, and names that differ
    /// only in case (on macOS and Windows the two are one file, so one would silently replace the other).
    /// `folder` is the folder's path for messages.
    public static func entryProblems(_ entries: [FileEntry], in folder: String) -> [Diagnostic] {
        func path(_ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }
        var problems: [Diagnostic] = []
        for entry in entries {
            switch entry.kind {
            case .file, .directory: break
            case .symlink:
                problems.append(Diagnostic(file: path(entry.name),
                    message: "is a symbolic link; a COE holds only files and folders, and coe never follows a link "
                        + "(copy the file in instead)"))
            case .submodule:
                problems.append(Diagnostic(file: path(entry.name),
                    message: "is a git submodule (a gitlink); a COE holds only files and folders of this repository"))
            case .other:
                problems.append(Diagnostic(file: path(entry.name),
                    message: "is not a regular file or folder (a FIFO, socket or device); a COE holds only files and folders"))
            }
        }
        var first: [String: String] = [:]
        for entry in entries {
            let folded = entry.name.lowercased()
            if let earlier = first[folded] {
                problems.append(Diagnostic(file: path(entry.name),
                    message: "differs only in case from '\(earlier)'; on macOS and Windows the two are one file, so rename one"))
            } else {
                first[folded] = entry.name
            }
        }
        return problems
    }

    /// One COE being read: what is left of its budgets, the problems found, the texts read.
    struct Reading {
        let directory: String
        let source: FileSource
        let limits: ReadLimits
        var problems: [Diagnostic] = []
        var sources: [String: String] = [:]
        /// Bytes and entries the COE may still use (`ReadLimits.coeBytes`, `ReadLimits.coeEntries`).
        var bytesLeft: Int
        var entriesLeft: Int
        /// Set when a budget ran out: nothing more is listed or read.
        var stopped = false

        init(directory: String, source: FileSource, limits: ReadLimits) {
            self.directory = directory
            self.source = source
            self.limits = limits
            bytesLeft = limits.coeBytes
            entriesLeft = limits.coeEntries
        }

        func path(_ name: String) -> String { directory.isEmpty ? name : name.isEmpty ? directory : "\(directory)/\(name)" }

        enum Listing {
            case listed([FileEntry])
            case absent
            case failed
        }

        /// Lists a folder of the COE (`""` for the COE's own), with its entries' problems reported and counted.
        mutating func listing(of name: String) throws -> Listing {
            let folder = path(name)
            let entries: [FileEntry]
            do {
                guard let listed = try source.list(folder) else { return .absent }
                entries = listed
            } catch let error as SourceError {
                problems.append(Diagnostic(file: folder, message: error.message))
                return .failed
            }
            entriesLeft -= entries.count
            if entriesLeft < 0 {
                stopped = true
                problems.append(Diagnostic(file: folder,
                    message: "the COE holds more than \(limits.coeEntries) files and folders; nothing more of it is read "
                        + "(the limit is \(ReadLimits.setting("max_coe_files")))"))
                return .failed
            }
            problems += COEReader.entryProblems(entries, in: folder)
            return .listed(entries)
        }

        /// The checked text of a file of the COE (kept for rules that read the files' text), or nil with problems recorded.
        mutating func text(_ name: String, absent: String = "disappeared while the COE was read") throws -> SourceText? {
            let file = path(name)
            guard let bytes = try bytes(file, limit: limits.fileBytes, skippingLarger: false, absent: absent) else { return nil }
            do {
                let text = try SourceText.decode(bytes, file: file)
                sources[file] = text.text
                return text
            } catch let error as FormatError {
                problems += error.diagnostics
            }
            return nil
        }

        /// An attachment as text, when it is at most `limit` bytes and valid text; larger or binary ones are left unread.
        mutating func attachmentText(_ name: String, limit: Int) throws -> String? {
            let file = path(name)
            guard let bytes = try bytes(file, limit: min(limit, limits.fileBytes), skippingLarger: true) else { return nil }
            return (try? SourceText.decode(bytes, file: file))?.text
        }

        /// A file's bytes within the file and COE limits; nil (with a problem, unless `skippingLarger` and the
        /// file is only over `limit`) when it is absent, too large or unreadable.
        /// Errors other than these (a repository that cannot be read, an object missing from a partial clone)
        /// are the source's, not the COE's, and are thrown.
        mutating func bytes(_ file: String, limit: Int, skippingLarger: Bool,
                            absent: String = "disappeared while the COE was read") throws -> [UInt8]? {
            guard !stopped else { return nil }
            do {
                guard let bytes = try source.read(file, limit: min(limit, bytesLeft)) else {
                    problems.append(Diagnostic(file: file, message: absent))
                    return nil
                }
                bytesLeft -= bytes.count
                return bytes
            } catch let error as FileTooLarge {
                if error.limit < limit, error.size.map({ $0 <= limit }) ?? true {
                    stopped = true
                    problems.append(Diagnostic(file: file,
                        message: "the COE's files together are over \(ReadLimits.describe(bytes: limits.coeBytes)) with this one; "
                            + "nothing more of it is read (the limit is \(ReadLimits.setting("max_coe_bytes")))"))
                } else if !skippingLarger {
                    let size = error.size.map { "is \(ReadLimits.describe(bytes: $0)), " } ?? ""
                    problems.append(Diagnostic(file: file,
                        message: "\(size)over the limit of \(ReadLimits.describe(bytes: limit)) per file; not read "
                            + "(the limit is \(ReadLimits.setting("max_file_bytes")))"))
                }
            } catch let error as SourceError {
                problems.append(Diagnostic(file: file, message: error.message))
            }
            return nil
        }
    }

    /// Reads a Markdown part, refusing what silently swallows the rest of it on GitHub: a code fence never closed,
    /// an HTML comment never closed, and a `<!--` in a paragraph that no `-->` closes (GitHub shows it as text, but
    /// its author meant a comment). Code and comments are as `MarkdownScan` finds them, so a `<!--` in code is code.
    public static func checkedMarkdown(_ source: SourceText) throws -> Prose {
        let prose = Prose(file: source.file, text: source.text)
        let scan = prose.markdown
        // A fence left open in a list item or a quote ends with it; only one that runs to the end hides the rest.
        func runsToTheEnd(_ segment: MarkdownScan.Segment) -> Bool {
            scan.text.utf8.dropFirst(segment.end.byte).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
        }
        var problems: [(SourcePosition, String)] = []
        for segment in scan.segments where !segment.isClosed {
            if segment.kind == .fencedCode && runsToTheEnd(segment) {
                problems.append((segment.start.position, "code block opened here is never closed; it hides the rest of the file"))
            } else if segment.kind == .comment {
                problems.append((segment.start.position,
                                 "HTML comment '<!--' opened here is never closed with '-->'; it hides the rest of the file"))
            }
        }
        for opener in scan.strayCommentOpeners {
            problems.append((opener.position,
                "HTML comment '<!--' opened here is never closed with '-->' in its paragraph; GitHub shows it as text"))
        }
        if !problems.isEmpty {
            throw FormatError(problems.sorted { $0.0 < $1.0 }.map { Diagnostic(file: source.file, position: $0.0, message: $0.1) })
        }
        return prose
    }
}

/// Orders ids the way people count: A2 before A10.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    func chunks(_ s: String) -> [(String, Int?)] {
        var result: [(String, Int?)] = []
        var current = ""
        var digits = false
        for ch in s {
            let isDigit = ch.isASCII && ch.isNumber
            if !current.isEmpty && isDigit != digits {
                result.append((current, digits ? Int(current) : nil))
                current = ""
            }
            digits = isDigit
            current.append(ch)
        }
        if !current.isEmpty { result.append((current, digits ? Int(current) : nil)) }
        return result
    }
    let x = chunks(a), y = chunks(b)
    for (l, r) in zip(x, y) where l.0 != r.0 {
        if let ln = l.1, let rn = r.1, ln != rn { return ln < rn }
        return l.0 < r.0
    }
    return x.count < y.count
}
