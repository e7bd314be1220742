import COEFormat
import COEHistory
import COEProcess
import COEWorkspace
import Foundation
import GitKit

/// `coe site`: a static site of the published and closed COEs of a commit (HEAD by default): an index
/// with filters and a search box (its index a file made here, searched by plain JavaScript in the page),
/// one page per COE (`coe render`'s HTML), a page of open and overdue action items, and the process
/// report. Secure COEs are left out of everything: no page, no row, no search entry, no sitemap line, no
/// title or id in the report (rule P9).
///
/// Incremental: a manifest in the git directory (`<git dir>/coe/site-<hash of the output folder>`, written
/// with `BinaryWriter` as every cache file is; never in the site: it names every COE, secure ones too) keeps each COE folder's git tree id and what
/// the index and the actions page need of it. A COE whose tree is unchanged is not read again, and its page is not
/// written again unless what it shows of others (the titles of the COEs it names) changed, or `coe` did.
public enum Site {
    /// What one run did.
    public struct Outcome: Sendable {
        /// COEs on the site.
        public var published = 0
        /// Pages written (new or changed COEs).
        public var rendered = 0
        /// Pages kept as they were.
        public var kept = 0
        /// Pages removed (a COE no longer published, deleted, or now secure).
        public var removed = 0
        /// COEs that could not be read: the problems (they are left out).
        public var problems: [Diagnostic] = []
    }

    /// What the manifest keeps of a COE folder.
    struct Entry {
        /// The folder's tree id.
        var tree: String
        /// The page's key (tree, generator, what it shows of other COEs); nil when not on the site.
        var pageKey: String?
        /// The row of the index and the entry of the search file; nil when not on the site.
        var card: Card?
        /// The COE's open action items (for the actions page).
        var actions: [ActionCard] = []
        /// The COEs it names (`related:`).
        var related: [String] = []
        /// What the report reads of it; nil for a secure COE (never in the report).
        var report: SiteReportInput?
    }

    struct Card {
        var id: String, title: String, severity: String, status: String, team: String
        var services: [String], tags: [String], created: String, teamOnly: Bool
        /// What the search box searches (title, summary, services, tags, root causes, action titles, in lower
        /// case), already written as a JSON string: copied into the search file, not encoded again.
        var searchText: String
    }

    struct ActionCard {
        var id: String, title: String, owner: String, priority: String, due: String?, status: String, ticket: String
    }

    struct Manifest {
        /// What made the pages (`generatorKey`): a manifest of another build keeps no COE.
        var generator: String
        var coes: [String: Entry]
        /// The report page's key (commit and day), so that an unchanged repository keeps it.
        var reportKey: String?
    }

    /// Builds or updates the site of `revision` in `folder`.
    public static func generate(workspace: Workspace, revision: String, into folder: String, today: CalendarDate,
                                baseURL: String?, report: Bool) throws -> Outcome {
        let repository = workspace.repository, configuration = workspace.configuration
        let commit = try workspace.commit(at: revision)
        let tree = try repository.commit(commit).tree
        let manifestPath = try self.manifestPath(folder, repository: repository)
        var manifest = try readManifest(manifestPath, folder: folder)
        let generator = generatorKey()
        let previous = manifest.coes
        if manifest.generator != generator { manifest.coes = [:] }

        // The COE folders of the commit, with their tree ids.
        let rootPath = Configuration.rootComponents(configuration.root).joined(separator: "/")
        let rootTree: ObjectID? = rootPath.isEmpty ? tree : try repository.entry(atPath: rootPath, inTree: tree).flatMap { $0.kind == .tree ? $0.id : nil }
        let prefix = Configuration.rootPrefix(configuration.root)
        let folders: [(path: String, tree: ObjectID)] = try rootTree.map { id in
            try repository.entries(ofTree: id).filter { $0.kind == .tree && !$0.name.hasPrefix(".") }.map { (prefix + $0.name, $0.id) }
        } ?? []

        // Read what changed, on every core.
        let changed = folders.filter { manifest.coes[$0.path]?.tree != $0.tree.hex }

        // Who created each COE (for the count of approvals) and the report's history: one walk of history, when a
        // page may be written (a COE changed, or a page of the site is missing) or the report is made again. It runs
        // before any COE is read, so that its working memory is given back before the COEs are held: at 156,000
        // commits `coe site` peaked at 300 MB with both at once, the audit alone at 186 MB (2026-12-02).
        let reportKey = report ? "\(commit.hex) \(today) \(generator)" : nil
        let reportStale = report && (manifest.reportKey != reportKey || !FileManager.default.fileExists(atPath: folder + "/report.html"))
        let pageMissing = folders.contains { path, _ in
            manifest.coes[path]?.card.map { !FileManager.default.fileExists(atPath: folder + "/" + pagePath($0.id)) } ?? false
        }
        let walked = !changed.isEmpty || pageMissing || reportStale
        var history = walked ? try Audit.run(from: commit, root: configuration.root, configuration: configuration, in: repository).coes : []

        // Each changed COE read and made into its entry at once: the documents themselves are not kept (each page
        // reads its COE again as it is rendered), so that a whole site's COEs are never held at once.
        let read = try read(changed, repository: repository, tree: tree, revision: revision, limits: configuration.readLimits, parts: nil) { id, document in
            entry(document, tree: id)
        }
        var outcome = Outcome()
        var entries: [String: Entry] = [:]
        for (path, id) in folders {
            if let cached = manifest.coes[path], cached.tree == id.hex {
                entries[path] = cached
                continue
            }
            switch read[path] {
            case .success(let made)?: entries[path] = made
            case .failure(let error)?: outcome.problems += error.diagnostics
            case nil: break
            }
        }

        // The pages: new where the COE, or what its page shows of the COEs it names, changed.
        var titles: [String: String] = [:]
        for entry in entries.values { if let card = entry.card { titles[card.id] = card.title } }
        var toRender: [(path: String, tree: ObjectID, key: String)] = []
        for (path, id) in folders {
            guard var entry = entries[path], entry.card != nil else { continue }
            let shown = entry.related.map { "\($0)=\(titles[$0] ?? "-")" }.joined(separator: "\n")
            let key = try Repository.hashBlob(Array("\(generator)\n\(id.hex)\n\(shown)".utf8)).hex
            let page = folder + "/" + pagePath(entry.card!.id)
            if entry.pageKey == key, manifest.coes[path]?.pageKey == key, FileManager.default.fileExists(atPath: page) {
                outcome.kept += 1
            } else {
                toRender.append((path, id, key))
                entry.pageKey = nil
                entries[path] = entry
            }
        }
        // A page to write that the guess above did not foresee (a page whose last rendering failed): the walk now.
        if !toRender.isEmpty && !walked {
            history = try Audit.run(from: commit, root: configuration.root, configuration: configuration, in: repository).coes
        }
        let creators = Dictionary(history.map { ($0.path, $0.creator) }, uniquingKeysWith: { first, _ in first })

        // Each page rendered and written on every core, each thread with its own repository handle.
        let pages = ParallelSlots<Result<Bool, any Error>>(count: toRender.count)
        let gitDirectory = repository.gitDirectory
        let siteIDs = Set(titles.keys)
        let (rendering, shownTitles, limits) = (toRender, titles, configuration.readLimits)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, rendering.count))
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            let own = Result { try Repository.openForAnotherThread(gitDirectory) }
            for index in stride(from: part, to: rendering.count, by: threads) {
                let item = rendering[index]
                pages.set(index, Result {
                    let own = try own.get()
                    let source = GitTreeSource(repository: own, tree: tree, label: revision, knownFolder: (item.path, item.tree))
                    // The same tree its entry was made from; a COE that no longer reads (the read limits changed) has no page.
                    let document: COEDocument
                    do {
                        document = try COEReader.read(directory: item.path, from: source, limits: limits)
                    } catch is FormatError {
                        return false
                    }
                    let content = try ContentHash.identity(directory: item.path, in: source, repository: own)
                    let facts = ProcessFacts(document: document, creator: creators[item.path] ?? nil, content: content, configuration: configuration)
                    let related = document.metadata.related.filter(siteIDs.contains).map {
                        RelatedCOE(id: $0, title: shownTitles[$0], link: "\($0).html")
                    }
                    var renderer = DocumentRenderer(document: document, source: source, limits: configuration.readLimits,
                                                    approvals: facts.approvals, related: related)
                    renderer.siteLinks = true
                    try OutputFile.write(folder + "/" + pagePath(document.metadata.id), renderer.html())
                    return true
                })
            }
        }
        for (index, item) in toRender.enumerated() {
            guard let result = pages.value(index), try result.get(), var entry = entries[item.path] else { continue }
            entry.pageKey = item.key
            entries[item.path] = entry
            outcome.rendered += 1
        }

        // Pages of COEs no longer on the site go.
        let onSite = Set(entries.values.compactMap { $0.card?.id })
        for old in previous.values {
            guard let id = old.card?.id, !onSite.contains(id) else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + pagePath(id))
            outcome.removed += 1
        }

        // The index, its search file and script, the actions page, the report, the sitemap: from the manifest's cards.
        let cards = entries.values.compactMap(\.card).sorted { ($0.created, $0.id) > ($1.created, $1.id) }
        outcome.published = cards.count
        try OutputFile.write(folder + "/index.html", SitePages.index(cards, revision: revision, commit: commit.hex, report: report))
        try OutputFile.write(folder + "/search-index.js", SitePages.searchIndex(cards))
        try OutputFile.write(folder + "/site.js", Templates.siteScript)
        let actions = entries.values.compactMap { entry in entry.card.map { ($0, entry.actions) } }
        try OutputFile.write(folder + "/actions.html", SitePages.actions(actions, today: today, revision: revision, commit: commit.hex, report: report))
        if reportStale {
            try OutputFile.write(folder + "/report.html", try reportPage(workspace: workspace, folders: folders,
                                                                        entries: entries, history: history, tree: tree, revision: revision,
                                                                        commit: commit, today: today))
        } else if !report {
            try? FileManager.default.removeItem(atPath: folder + "/report.html")
        }
        let sitemap = folder + "/sitemap.xml"
        if let baseURL {
            try OutputFile.write(sitemap, SitePages.sitemap(cards, baseURL: baseURL, report: report))
        } else {
            try? FileManager.default.removeItem(atPath: sitemap)
        }
        manifest = Manifest(generator: generator, coes: entries, reportKey: reportKey)
        try OutputFile.write(manifestPath, manifest.bytes())
        return outcome
    }

    /// `coes/<id>.html`.
    static func pagePath(_ id: String) -> String { "coes/\(id).html" }

    /// What the manifest keeps of a COE just read: on the site only when published or closed and not secure.
    static func entry(_ document: COEDocument, tree: ObjectID) -> Entry {
        let metadata = document.metadata
        var entry = Entry(tree: tree.hex, related: metadata.related)
        if metadata.confidentiality != .secure { entry.report = SiteReportInput(document) }
        guard metadata.status == .published || metadata.status == .closed, metadata.confidentiality != .secure else { return entry }
        var words = [metadata.id, metadata.title, metadata.team, metadata.severity.rawValue, document.summary.content]
        words += metadata.services + metadata.tags
        words += document.whys.questions.flatMap { rootCauses($0.chains) }
        words += document.actions.map(\.title)
        var text = words.joined(separator: " ").lowercased()
        if text.count > 4000 { text = String(text.prefix(4000)) }
        let literal = String(decoding: JSONText.fragment(JSON(text), indent: 0), as: UTF8.self)
        entry.card = Card(id: metadata.id, title: metadata.title, severity: metadata.severity.rawValue, status: metadata.status.rawValue,
                          team: metadata.team, services: metadata.services, tags: metadata.tags, created: metadata.created.description,
                          teamOnly: metadata.confidentiality == .teamOnly, searchText: literal)
        entry.actions = document.actions.filter(\.isOpen).map {
            ActionCard(id: $0.id, title: $0.title, owner: $0.owner ?? "", priority: $0.priority?.rawValue ?? "", due: $0.due?.description,
                       status: $0.status.rawValue, ticket: $0.ticket ?? "")
        }
        return entry
    }

    static func rootCauses(_ nodes: [WhyNode]) -> [String] {
        nodes.flatMap { ($0.rootCause ? [$0.because] : []) + rootCauses($0.then) }
    }

    /// Reads COE folders of `tree` on every core, each thread with its own repository handle.
    static func read(_ folders: [(path: String, tree: ObjectID)], repository: Repository, tree: ObjectID, revision: String,
                     limits: ReadLimits, parts: Set<Part>?) throws -> [String: Result<COEDocument, FormatError>] {
        try read(folders, repository: repository, tree: tree, revision: revision, limits: limits, parts: parts) { _, document in document }
    }

    /// The folders' COEs read on every core, each made into what `transform` keeps of it as soon as it is read (so
    /// that a thousand documents are never held at once when only a part of each is kept).
    static func read<Kept: Sendable>(_ folders: [(path: String, tree: ObjectID)], repository: Repository, tree: ObjectID, revision: String,
                                     limits: ReadLimits, parts: Set<Part>?,
                                     _ transform: @Sendable (ObjectID, COEDocument) -> Kept) throws -> [String: Result<Kept, FormatError>] {
        guard !folders.isEmpty else { return [:] }
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, folders.count / 8 + 1))
        let size = (folders.count + threads - 1) / threads
        let results = ParallelSlots<Result<[(String, Result<Kept, FormatError>)], any Error>>(count: threads)
        let gitDirectory = repository.gitDirectory
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            results.set(part, Result {
                let own = try Repository.openForAnotherThread(gitDirectory)
                var read: [(String, Result<Kept, FormatError>)] = []
                for (path, id) in folders[min(part * size, folders.count)..<min((part + 1) * size, folders.count)] {
                    let source = GitTreeSource(repository: own, tree: tree, label: revision, knownFolder: (path, id))
                    do {
                        read.append((path, .success(transform(id, try COEReader.read(directory: path, from: source, limits: limits, parts: parts)))))
                    } catch let error as FormatError {
                        read.append((path, .failure(error)))
                    }
                }
                return read
            })
        }
        var out: [String: Result<Kept, FormatError>] = [:]
        for part in 0..<threads {
            guard let result = results.value(part) else { continue }
            for (path, document) in try result.get() { out[path] = document }
        }
        return out
    }

    /// The process report of the commit's COEs, secure ones left out of it whole.
    static func reportPage(workspace: Workspace, folders: [(path: String, tree: ObjectID)],
                           entries: [String: Entry], history: [Audit.COEReport], tree: ObjectID, revision: String, commit: ObjectID,
                           today: CalendarDate) throws -> String {
        var all: [String: Result<COEDocument, FormatError>] = [:]
        // Each COE as its entry keeps what the report reads of it (`SiteReportInput`, made when it was read, this run or
        // an earlier one); a secure one (which has none) is read to be left out.
        for (path, _) in folders {
            if let input = entries[path]?.report { all[path] = .success(input.document(directory: path)) }
        }
        let unread = folders.filter { all[$0.path] == nil }
        // As coe report reads them: coe.yaml and the action items, and the timeline only where coe.yaml lacks an event time.
        let limits = workspace.configuration.readLimits
        for (path, result) in try read(unread, repository: workspace.repository, tree: tree, revision: revision, limits: limits, parts: [.actions]) {
            all[path] = result
        }
        // (Of those just read: the COEs read whole, and those from the manifest, have their milestones.)
        let lacking = unread.filter { if case .success(let document)? = all[$0.path] { document.metadata.event.lacksATime } else { false } }
        for (path, result) in try read(lacking, repository: workspace.repository, tree: tree, revision: revision, limits: limits, parts: [.actions, .timeline]) {
            all[path] = result
        }
        var read: [(directory: String, document: COEDocument)] = []
        var secure: Set<String> = []
        for (path, _) in folders {
            guard case .success(let document)? = all[path] else { continue }
            if document.metadata.confidentiality == .secure { secure.insert(path); continue }
            read.append((path, document))
        }
        let report = ProcessReport(documents: read, unreadable: [], history: history.filter { !secure.contains($0.path) },
                                   configuration: workspace.configuration, since: nil, until: today, today: today)
        // The page has its own title: the report's first line, its heading, goes.
        var markdown = ReportRenderer.markdown(report)
        if markdown.hasPrefix("# "), let end = markdown.firstIndex(of: "\n") { markdown = String(markdown[markdown.index(after: end)...]) }
        return SitePages.report(markdown, revision: revision, commit: commit.hex)
    }

    /// Where the manifest of the site in `folder` is kept: in the git directory, named by the folder's absolute path.
    static func manifestPath(_ folder: String, repository: Repository) throws -> String {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        return repository.gitDirectory + "coe/site-" + String(try Repository.hashBlob(Array(absolute.utf8)).hex.prefix(16))
    }

    /// The manifest of the site in `folder`; an empty one for a new or empty folder, or when it is damaged,
    /// cut short or of another version (every page is then written again). A folder holding anything but a site coe made is refused:
    /// `coe site` replaces only what it made.
    static func readManifest(_ path: String, folder: String) throws -> Manifest {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw WorkspaceError("\(folder) is a file; coe site writes a folder") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let index = FileManager.default.contents(atPath: folder + "/index.html").map { String(decoding: $0, as: UTF8.self) } ?? ""
            if !contents.isEmpty, !index.contains(generatorMark) {
                throw WorkspaceError("\(folder) is not empty and holds no site coe made (its index.html); give a new or empty folder")
            }
        }
        let empty = Manifest(generator: "", coes: [:], reportKey: nil)
        guard let data = FileManager.default.contents(atPath: path) else { return empty }
        return (try? data.withUnsafeBytes { try Manifest(bytes: $0) }) ?? empty
    }

    /// What marks a page as coe site's.
    static let generatorMark = "<meta name=\"generator\" content=\"coe site\">"

    /// What makes every page: coe's version, its templates and the binary itself (a new build renders anew).
    static func generatorKey() -> String {
        var key = COEVersion.current + "\n" + Templates.fingerprint
        key += "\n" + ProgramIdentity.executable
        return (try? Repository.hashBlob(Array(key.utf8)).hex) ?? key
    }
}

// MARK: The manifest's encoding

extension Site.Manifest {
    static let magic = Array("coe-site-manifest".utf8) + [5]

    func bytes() -> [UInt8] {
        var writer = BinaryWriter(magic: Self.magic, capacity: 4_096 + coes.count * 2_048)
        writer.shortString(generator)
        writer.shortString(reportKey)
        writer.varint(coes.count)
        for (path, entry) in coes.sorted(by: { $0.key < $1.key }) {
            writer.shortString(path)
            entry.encode(to: &writer)
        }
        return writer.finished()
    }

    init(bytes: UnsafeRawBufferPointer) throws {
        var reader = try BinaryReader(bytes, magic: Self.magic)
        generator = try reader.shortString()
        reportKey = try reader.optionalShortString()
        let count = try reader.varint()
        try reader.need(count, 1)
        coes = [:]
        for _ in 0..<count { coes[try reader.shortString()] = try Site.Entry(from: &reader) }
        guard reader.atEnd else { throw BinaryReader.Truncated() }
    }
}

extension Site.Entry {
    func encode(to writer: inout BinaryWriter) {
        writer.shortString(tree)
        writer.shortString(pageKey)
        writer.strings(related)
        writer.bool(card != nil)
        if let card {
            for text in [card.id, card.title, card.severity, card.status, card.team] { writer.shortString(text) }
            writer.strings(card.services)
            writer.strings(card.tags)
            writer.shortString(card.created)
            writer.bool(card.teamOnly)
            writer.shortString(card.searchText)
        }
        writer.varint(actions.count)
        for action in actions {
            for text in [action.id, action.title, action.owner, action.priority] { writer.shortString(text) }
            writer.shortString(action.due)
            writer.shortString(action.status)
            writer.shortString(action.ticket)
        }
        writer.bool(report != nil)
        report?.encode(to: &writer)
    }

    init(from reader: inout BinaryReader) throws {
        tree = try reader.shortString()
        pageKey = try reader.optionalShortString()
        related = try reader.strings()
        if try reader.bool() {
            card = Site.Card(id: try reader.shortString(), title: try reader.shortString(), severity: try reader.shortString(),
                             status: try reader.shortString(), team: try reader.shortString(), services: try reader.strings(),
                             tags: try reader.strings(), created: try reader.shortString(), teamOnly: try reader.bool(),
                             searchText: try reader.shortString())
        }
        let count = try reader.varint()
        try reader.need(count, 1)
        actions = try (0..<count).map { _ in
            Site.ActionCard(id: try reader.shortString(), title: try reader.shortString(), owner: try reader.shortString(),
                            priority: try reader.shortString(), due: try reader.optionalShortString(), status: try reader.shortString(),
                            ticket: try reader.shortString())
        }
        report = try reader.bool() ? try SiteReportInput(from: &reader) : nil
    }
}
