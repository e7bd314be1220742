/// Reads a COE folder from a `FileSource` into a `COEDocument`, reporting every problem with its position.
public enum COEReader {
    /// Attachments larger than this are not read as text.
    static let maximumTextAttachment = 1 << 20

    /// Reads the COE in `directory` (relative to the repository root).
    ///
    /// Throws `FormatError` with all the diagnostics found (each file is read even
    /// when another has failed), or `SourceError` when the source itself fails.
    public static func read(directory: String, from source: FileSource, limits: ReadLimits = .default) throws -> COEDocument {
        var problems: [Diagnostic] = []
        var sources: [String: String] = [:]
        func path(_ name: String) -> String { directory.isEmpty ? name : "\(directory)/\(name)" }

        guard let entries = try source.list(directory) else {
            throw FormatError([Diagnostic(file: directory, message: "no such COE folder")])
        }
        var knownTopLevel: Set<String> = [COELayout.metadataFile, "attachments", ReviewFile.folder]
        for part in Part.allCases { knownTopLevel.insert(part.path.hasSuffix("/") ? String(part.path.dropLast()) : part.path) }

        // Decodes and parses one file; nil (with problems recorded) when it is missing or bad.
        func parse<T>(_ name: String, required: Bool, _ parser: (SourceText) throws -> T) throws -> T? {
            let file = path(name)
            if let entry = entries.first(where: { $0.name == name }), case .symlink(nil) = entry.kind {
                problems.append(Diagnostic(file: file, message: "is a symbolic link pointing outside the repository; refused"))
                return nil
            }
            guard let bytes = try source.read(file) else {
                if required { problems.append(Diagnostic(file: file, message: "missing required file")) }
                return nil
            }
            do {
                let text = try SourceText.decode(bytes, file: file)
                sources[file] = text.text
                return try parser(text)
            } catch let error as FormatError {
                problems += error.diagnostics
                return nil
            }
        }

        for entry in entries where !knownTopLevel.contains(entry.name) && !COELayout.placeholderNames.contains(entry.name) {
            var message = "unknown \(entry.kind == .directory ? "folder" : "file") in a COE"
            if let near = nearest(entry.name, in: knownTopLevel) { message += "; did you mean '\(near)'?" }
            else { message += "; supporting material goes in attachments/" }
            problems.append(Diagnostic(file: path(entry.name), level: .error, rule: "S3", message: message))
        }

        let metadata = try parse(COELayout.metadataFile, required: true) { try MetadataFile.parse($0, limits: limits) }
        func prose(_ part: Part) throws -> Prose {
            try parse(part.path, required: true) { Prose(file: $0.file, text: try checkedMarkdown($0)) } ?? Prose(file: path(part.path), text: "")
        }
        let summary = try prose(.summary)
        let impact = try prose(.impact)
        let response = try prose(.response)
        let analysis = try prose(.analysis)
        let timeline = try parse(Part.timeline.path, required: true) { try TimelineFile.parse($0, limits: limits) } ?? []
        let whys = try parse(Part.whys.path, required: true) { try WhysFile.parse($0, limits: limits) } ?? FiveWhys()
        let lessons = try parse(Part.lessons.path, required: true) { try LessonsFile.parse($0, limits: limits) } ?? []
        var assets: [String] = []

        var graphs: [Graph] = []
        if let metricEntries = try folder("metrics") {
            for entry in metricEntries where !COELayout.placeholderNames.contains(entry.name) {
                let ext = entry.name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if entry.name.hasSuffix(".yaml") {
                    if let graph = try parse("metrics/\(entry.name)", required: true, { try GraphFile.parse($0, limits: limits) }) { graphs.append(graph) }
                } else if COELayout.imageExtensions.contains(ext), entry.kind == .file {
                    assets.append("metrics/\(entry.name)")
                } else {
                    problems.append(Diagnostic(file: path("metrics/\(entry.name)"), rule: "S3",
                        message: "unknown file in metrics/; it holds graph files (.yaml) and their images (\(COELayout.imageExtensions.sorted().joined(separator: ", ")))"))
                }
            }
            for graph in graphs {
                if let image = graph.image, !assets.contains("metrics/\(image)") {
                    problems.append(Diagnostic(file: graph.file, position: graph.positions["image"],
                        message: "image '\(image)' is not in the metrics folder"))
                }
            }
        }

        var actions: [ActionItem] = []
        if let actionEntries = try folder("actions") {
            for entry in actionEntries where !COELayout.placeholderNames.contains(entry.name) {
                guard let id = ActionFile.id(fromFileName: entry.name), entry.kind != .directory else {
                    problems.append(Diagnostic(file: path("actions/\(entry.name)"), rule: "S3",
                        message: "unknown file in actions/; each action item is a file named <ID>.yaml, such as A1.yaml"))
                    continue
                }
                if let item = try parse("actions/\(entry.name)", required: true, { try ActionFile.parse($0, id: id, limits: limits) }) { actions.append(item) }
            }
        }
        actions.sort { naturalLess($0.id, $1.id) }

        var review: [ReviewRecord] = []
        if let reviewEntries = try folder(ReviewFile.folder) {
            for entry in reviewEntries where !COELayout.placeholderNames.contains(entry.name) {
                guard let id = ReviewFile.id(fromFileName: entry.name), entry.kind != .directory else {
                    problems.append(Diagnostic(file: path("\(ReviewFile.folder)/\(entry.name)"), rule: "S3",
                        message: "unknown file in review/; it holds the review records coe writes, named <time>-<hash>.yaml"))
                    continue
                }
                if let record = try parse("\(ReviewFile.folder)/\(entry.name)", required: true, { try ReviewFile.parse($0, id: id, limits: limits) }) {
                    review.append(record)
                }
            }
        }
        review.sort { $0.id < $1.id }

        if let attachments = try source.list(path("attachments")) {
            for entry in attachments where entry.kind == .file && !COELayout.placeholderNames.contains(entry.name) {
                let file = "attachments/\(entry.name)"
                assets.append(file)
                // Text attachments are kept for the secrets check (B6); binary or huge ones are not read as text.
                if let bytes = try source.read(path(file)), bytes.count <= maximumTextAttachment,
                   let text = try? SourceText.decode(bytes, file: path(file)) {
                    sources[path(file)] = text.text
                }
            }
        }

        // The listing of `metrics/` or `actions/`, without links that leave the repository (reported).
        // An absent folder is an empty part: git cannot store an empty folder, so the index and
        // commits must read the same as the work tree.
        func folder(_ name: String) throws -> [FileEntry]? {
            if let entry = entries.first(where: { $0.name == name }), entry.kind != .directory {
                problems.append(Diagnostic(file: path(name), message: "must be a folder"))
                return nil
            }
            guard let listing = try source.list(path(name)) else { return nil }
            for entry in listing {
                if case .symlink(nil) = entry.kind {
                    problems.append(Diagnostic(file: path("\(name)/\(entry.name)"), message: "is a symbolic link pointing outside the repository; refused"))
                }
            }
            return listing.filter { if case .symlink(nil) = $0.kind { return false } else { return true } }
        }

        if let metadata, let folderName = directory.split(separator: "/").last, folderName != metadata.id {
            problems.append(Diagnostic(file: path(COELayout.metadataFile), position: metadata.positions["id"],
                message: "id '\(metadata.id)' differs from the folder name '\(folderName)'; a COE's folder is named by its id"))
        }

        guard problems.filter({ $0.level == .error }).isEmpty, let metadata else { throw FormatError(problems) }
        var document = COEDocument(directory: directory, metadata: metadata, summary: summary, metrics: graphs, impact: impact,
                                   response: response, analysis: analysis, timeline: timeline, whys: whys, actions: actions,
                                   lessons: lessons, assets: assets.sorted())
        document.sources = sources
        document.review = review
        return document
    }

    /// Checks Markdown for what silently swallows the rest of a document: an unclosed code fence or HTML comment.
    /// Works on the UTF-8 bytes; columns are counted in characters (Unicode scalars).
    public static func checkedMarkdown(_ source: SourceText) throws -> String {
        var fence: (marker: UInt8, length: Int, position: SourcePosition)?
        var commentStart: SourcePosition?
        var text = source.text
        text.withUTF8 { bytes in
            var lineStart = 0
            var lineNumber = 1
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1; lineNumber += 1 }
                var first = lineStart
                while first < lineEnd, bytes[first] == 0x20 { first += 1 }
                let indent = first - lineStart
                func run(of marker: UInt8, from start: Int) -> Int {
                    var end = start
                    while end < lineEnd, bytes[end] == marker { end += 1 }
                    return end - start
                }
                if let open = fence {
                    let length = run(of: open.marker, from: first)
                    var rest = first + length
                    while rest < lineEnd, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
                    if indent < 4, length >= open.length, rest == lineEnd { fence = nil }
                    continue
                }
                if commentStart == nil, indent < 4, first < lineEnd, bytes[first] == 0x60 || bytes[first] == 0x7E {
                    let marker = bytes[first]
                    let length = run(of: marker, from: first)
                    let infoHasBacktick = marker == 0x60 && (first + length..<lineEnd).contains { bytes[$0] == 0x60 }
                    if length >= 3, !infoHasBacktick {
                        fence = (marker, length, SourcePosition(line: lineNumber, column: indent + 1))
                        continue
                    }
                }
                var index = lineStart
                var column = 1
                while index < lineEnd {
                    if commentStart == nil {
                        if bytes[index] == 0x3C, index + 3 < lineEnd, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {
                            commentStart = SourcePosition(line: lineNumber, column: column)
                            index += 4
                            column += 4
                            continue
                        }
                    } else if bytes[index] == 0x2D, index + 2 < lineEnd, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E {
                        commentStart = nil
                        index += 3
                        column += 3
                        continue
                    }
                    if bytes[index] & 0xC0 != 0x80 { column += 1 }
                    index += 1
                }
            }
        }
        if let open = fence {
            throw FormatError([Diagnostic(file: source.file, position: open.position,
                message: "code block opened here is never closed; it hides the rest of the file")])
        }
        if let commentStart {
            throw FormatError([Diagnostic(file: source.file, position: commentStart,
                message: "HTML comment '<!--' opened here is never closed with '-->'; it hides the rest of the file")])
        }
        return source.text
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
