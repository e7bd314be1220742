import COEFormat
import COELint
import COEProcess
import COEWorkspace
import Foundation

/// The workflow's safety around a commit: the user's text written down before anything else, texts
/// refused before committing, checks before the editor opens, and recovery of interrupted commands
/// (docs/robustness.md).
extension Workflow {
    /// Runs `body` with the user's text written down first (write-ahead): saved before anything else
    /// happens, and removed by the committer only once the commit has landed, so that a command that
    /// fails, is refused or is killed leaves it saved; the error says where. A text the commit would be
    /// refused for later (empty where one is `required`, holding a secret: rule B6) is refused now.
    func guarded(_ text: String, command: String, coe: String, required: Bool = false,
                 _ body: (Workflow) throws -> Outcome) throws -> Outcome {
        FaultLog.mark("start")
        if required && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw WorkflowError.usage("empty text; nothing done (a \(command) needs words: -m, --file or the editor)")
        }
        guard !text.isEmpty else { return try body(self) }
        guard let saved = PendingText.save(text, command: command, coe: coe, repository: repository) else {
            throw WorkflowError.notCommitted("your text could not be saved first (\(PendingText.folder(of: repository)) and the "
                                             + "temporary folder cannot be written), so nothing was done", savedAt: nil)
        }
        FaultLog.mark("saved")
        var workflow = self
        workflow.savedText = saved
        // The note for an error that leaves the text saved (it is gone when the commit was made after all).
        func kept(_ message: String) -> String {
            guard FileManager.default.fileExists(atPath: saved) else { return message }
            return message + "\nyour text is saved in \(saved); run the same command with --file \(saved) to send it"
        }
        do {
            if let secret = NoSecrets.find(in: text).first {
                throw WorkflowError.refused([ProcessFinding(
                    rule: "B6", level: .error,
                    message: "the text holds \(secret.kind) (line \(secret.position.line)); nothing was committed",
                    hint: "a secret committed to git stays in its history: remove it (and rotate it), then send the text again")])
            }
            return try body(workflow)
        } catch WorkflowError.notCommitted(let message, _) {
            throw FileManager.default.fileExists(atPath: saved) ? WorkflowError.notCommitted(message, savedAt: saved)
                : WorkflowError.usage(message)
        } catch WorkflowError.usage(let message) {
            throw WorkflowError.usage(kept(message))
        } catch let error as FormatError {
            // A document that cannot be read is a finding (exit 1), as wherever it is met; the text stays saved.
            guard FileManager.default.fileExists(atPath: saved) else { throw error }
            throw FormatError(error.diagnostics + [Diagnostic(file: saved, level: .note,
                                                              message: "your text is saved here; run the same command with --file \(saved) to send it")])
        } catch WorkflowError.refused(let findings) {
            // The note about the saved text goes with the last reason, where the eye ends.
            guard FileManager.default.fileExists(atPath: saved), let last = findings.last else { throw WorkflowError.refused(findings) }
            let note = "your text is saved in \(saved); run the same command with --file \(saved) to send it"
            throw WorkflowError.refused(findings.dropLast() + [ProcessFinding(rule: last.rule, level: last.level, message: last.message,
                                                                             hint: last.hint.map { "\($0)\n\(note)" } ?? note)])
        } catch {
            throw WorkflowError.notCommitted("\(error)", savedAt: FileManager.default.fileExists(atPath: saved) ? saved : nil)
        }
    }

    /// Finishes or undoes a workflow command that was interrupted in this work tree (every workflow
    /// command does this first); returns what was done, empty when nothing was interrupted.
    public static func recover(in workspace: Workspace, patience: TimeInterval = 30) throws -> [String] {
        let repository = workspace.repository
        let lock = try WorkflowLock.acquire(in: repository.gitDirectory, patience: patience)
        defer { lock.release() }
        return try Recovery(repository: repository, workTree: workspace.workTree,
                            folder: WorkflowFolder(gitDirectory: repository.gitDirectory), patience: patience).run()
    }

    /// The texts saved in this work tree's git directory and not yet sent, oldest first.
    public static func savedTexts(in workspace: Workspace) -> [String] {
        PendingText.saved(in: workspace.repository)
    }

    /// What can be checked before the user writes a text (in the editor): no merge or rebase in
    /// progress, HEAD on a branch, and the COE readable at HEAD.
    public func preflight(_ reference: String) throws {
        guard try committer().checkState() != nil else {
            throw WorkflowError.notCommitted("HEAD is detached; check out a branch first", savedAt: nil)
        }
        guard let head = try repository.head() else { throw WorkflowError.usage("the branch has no commit yet; commit the COE first") }
        _ = try locate(reference, Committer.Base(commit: head, tree: try repository.commit(head).tree))
    }
}
