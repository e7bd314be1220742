import COEFormat
import COELint
import COEProcess
import COEWorkspace
import Foundation
import GitKit

extension Workflow {
    /// `coe import`: brings in COEs reviewed elsewhere, with their status as stated, in one commit: each
    /// folder is copied to `<root>/<id>/` with an import record in its `review/` (the importer, the time,
    /// the content it brings in, and `text`: where it was reviewed) and a `COE-Import` trailer. The gates
    /// accept such a COE in any status (rule P1, by one of `review.importers` when that names anyone), an
    /// import of an approved, published or closed COE stands for its approvals until its content changes,
    /// and the audit reports it as imported. Each COE must read and be lint-clean at error level (as a COE
    /// entering review), must not exist yet, and must not carry a `review/` folder (its records would name
    /// people who did not make this commit). `folders` are absolute paths, outside the COE's place in the
    /// COE root, and are left as they are.
    public func importCOEs(_ folders: [String], text: String) throws -> Outcome {
        guard !folders.isEmpty else { throw WorkflowError.usage("name at least one COE folder to import") }
        return try guarded(text, command: "import", coe: folders.joined(separator: " ")) { workflow in
            try workflow.importing(folders, text: text)
        }
    }

    private func importing(_ folders: [String], text: String) throws -> Outcome {
        let configuration = workspace.configuration
        var subject = ""
        var notes: [String] = []
        var firstRecord: ReviewRecord?
        let made = try committer().commit { base in
            notes = []
            var writes: [Committer.FileWrite] = []
            var trailers: [(String, String)] = []
            var ids: [String] = []
            let existing = try LintSession.knownIDs(in: GitTreeSource(repository: repository, tree: base.tree, label: "HEAD"),
                                                    root: workspace.root)
            let session = try LintSession(configuration: configuration, repository: repository,
                                          today: CalendarDate(utcSeconds: identity.committer.time))
            for folder in folders {
                let url = URL(fileURLWithPath: folder).standardizedFileURL
                let name = url.lastPathComponent, parent = url.deletingLastPathComponent().path
                let source = WorkingTreeSource(root: parent)
                if try source.list("\(name)/\(ReviewFile.folder)") != nil {
                    throw WorkflowError.usage("\(folder) has a \(ReviewFile.folder)/ folder: its records would name people who did not make "
                                              + "this commit; move it aside (say where the COE was reviewed with -m) and import again")
                }
                let document: COEDocument
                do {
                    document = try COEReader.read(directory: name, from: source, limits: configuration.readLimits)
                } catch let error as FormatError {
                    // A document that cannot be read is a finding (exit 1), as wherever it is met.
                    throw FormatError(Array(error.diagnostics.prefix(20))
                                      + [Diagnostic(file: folder, level: .note, message: "cannot be read as a COE; nothing imported")])
                } catch let error as SourceError {
                    throw WorkflowError.usage("\(folder): \(error.message)")
                }
                let id = document.metadata.id
                let status = document.metadata.status
                if existing.contains(id) || ids.contains(id) { throw WorkflowError.usage("\(id) is already in the repository; nothing imported") }
                let errors = session.lint(name, in: source, knownIDs: existing.union(ids).union([id])).findings.filter { $0.level == .error }
                if let refusal = Self.lintRefusal(id, errors: errors, why: "an imported COE meets the standard like any other; coe lint \(folder)") {
                    throw WorkflowError.refused([refusal])
                }
                let destination = Configuration.rootPrefix(workspace.root) + id
                // The copy is the command's own: were the folder already there, an interrupted import undone by
                // `coe recover` would remove files that are the user's only copy.
                if FileManager.default.fileExists(atPath: workspace.workTree + "/" + destination) {
                    throw WorkflowError.usage("\(destination) is already in the work tree; coe import copies a COE in: move it out "
                                              + "(mv \(destination) /tmp/\(id)) and run coe import /tmp/\(id)")
                }
                let files = try filesOf(name, in: source, limit: configuration.readLimits)
                for (relative, bytes) in files { writes.append(Committer.FileWrite(path: "\(destination)/\(relative)", bytes: bytes)) }
                let at = Timestamp(seconds: identity.author.time)
                var record = ReviewRecord(id: "", kind: .imported, author: "\(identity.author.name) <\(identity.author.email)>", at: at,
                                          contentHash: try ContentHash.of(directory: name, in: source, repository: repository), status: status,
                                          text: text.isEmpty ? "Reviewed elsewhere; imported as \(status.rawValue)." : text)
                record.id = try recordID(for: record, at: at)
                writes.append(Committer.FileWrite(path: "\(destination)/\(ReviewFile.folder)/\(record.id).yaml",
                                                  bytes: Array(ReviewFile.serialize(record).utf8)))
                // Judged as the gates will judge it (P1: who may import; P13: signed where required).
                let change = ProcessEvent.Change(commit: proposedCommit, created: true, statusBefore: nil, statusAfter: status,
                                                 importsAdded: [record])
                let facts = ProcessFacts(document: document, creator: Person(identity.author), content: ContentIdentity(current: record.contentHash ?? ""),
                                         configuration: configuration)
                let refusals = Self.refusals(ProcessRules.check(facts, .change(change)))
                if !refusals.isEmpty { throw WorkflowError.refused(refusals) }
                firstRecord = firstRecord ?? record
                ids.append(id)
                trailers.append(("COE-Import", id))
                notes.append("\(id): imported as \(status.rawValue) (\(files.count) file\(files.count == 1 ? "" : "s")) to \(destination)")
            }
            trailers.append(("COE-Status", "imported"))
            subject = ids.count == 1 ? "COE \(ids[0]): import, reviewed elsewhere" : "COE import: \(ids.count) COEs reviewed elsewhere"
            return (writes, message(subject, body: text.isEmpty ? nil : text, trailers: trailers))
        }
        return Outcome(commit: made.commit, subject: subject, statusFrom: nil, statusTo: nil, record: firstRecord,
                       notes: made.recovered + notes)
    }

    /// Every file of a COE folder, relative to it, read within the limits (links and other kinds were refused
    /// when the COE was read).
    private func filesOf(_ directory: String, in source: FileSource, limit: ReadLimits) throws -> [(String, [UInt8])] {
        var files: [(String, [UInt8])] = []
        func walk(_ relative: String) throws {
            for entry in try source.list(relative.isEmpty ? directory : "\(directory)/\(relative)") ?? [] {
                let path = relative.isEmpty ? entry.name : "\(relative)/\(entry.name)"
                switch entry.kind {
                case .directory: try walk(path)
                case .file:
                    // Binary attachments are not lint's, so not within its per-file limit: the per-COE limit bounds them.
                    guard let bytes = try source.read("\(directory)/\(path)", limit: limit.coeBytes) else {
                        throw WorkflowError.usage("\(directory)/\(path) went away while it was being read")
                    }
                    files.append((path, bytes))
                default: throw WorkflowError.usage("\(directory)/\(path) is not a file or folder; a COE is files and folders only")
                }
            }
        }
        try walk("")
        return files
    }
}
