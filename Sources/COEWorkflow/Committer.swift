import COEFormat
import Foundation
import GitKit

/// Makes the tool's own commits, leaving the user's staged and unstaged work exactly as it was.
///
/// The new commit is HEAD's tree with only the tool's files changed (built with libgit2's tree
/// updates, never from the index). The branch is moved only if it still points where it pointed
/// (compare-and-swap); then the same files are written to the work tree and staged, so that
/// `git status` shows nothing new. A file the tool changes must be unmodified in the index and
/// the work tree, or the command stops before doing anything.
///
/// Concurrent `coe` commands in one repository take turns through a lock file in the git directory
/// (retried with backoff; a lock left by a process that died is taken over).
struct Committer {
    /// One file the commit writes, relative to the repository root.
    struct FileWrite {
        let path: String
        let bytes: [UInt8]
    }

    /// What a commit is built on.
    struct Base {
        let commit: ObjectID
        let tree: ObjectID
    }

    let repository: Repository
    let workTree: String
    let identity: Identity
    /// How long to wait for another `coe` command or git's own lock before giving up.
    var patience: TimeInterval = 30

    /// Builds the commit with `build` on the current HEAD (again if HEAD moved meanwhile) and makes it.
    func commit(_ build: (Base) throws -> (writes: [FileWrite], message: String)) throws -> ObjectID {
        if let operation = repository.operationInProgress {
            throw WorkflowError.notCommitted("\(operation) is in progress; finish or abort it first", savedAt: nil)
        }
        guard let branch = try repository.headBranch() else {
            throw WorkflowError.notCommitted("HEAD is detached; check out a branch first", savedAt: nil)
        }
        let lock = try WorkflowLock.acquire(in: repository.gitDirectory, patience: patience)
        defer { lock.release() }
        var attempt = 0
        while true {
            attempt += 1
            guard let head = try repository.head() else {
                throw WorkflowError.usage("the branch has no commit yet; commit the COE first")
            }
            let base = Base(commit: head, tree: try repository.commit(head).tree)
            let (writes, message) = try build(base)
            try checkUnmodified(writes.map(\.path), base: base)
            let tree = try repository.tree(from: base.tree, applying: writes.map { .write(path: $0.path, bytes: $0.bytes) })
            let text = try repository.commitText(tree: tree, parents: [head], message: message, author: identity.author, committer: identity.committer)
            let signature = try CommitSigner.signature(for: text, repository: repository, committer: identity.committer)
            let commit = try repository.writeCommit(text: text, signature: signature)
            do {
                try repository.moveReference(branch, to: commit, from: head, message: "coe: \(message.prefix { $0 != "\n" })")
            } catch let error as GitError where (error.isModified || error.isLocked) && attempt < 20 {
                // Someone committed meanwhile (git itself, not coe: coe holds the lock): build again on the new HEAD.
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
                continue
            }
            try updateWorkTreeAndIndex(writes)
            return commit
        }
    }

    /// A file the tool changes must be as HEAD has it, both staged and on disk.
    private func checkUnmodified(_ paths: [String], base: Base) throws {
        // One read of the index for all the files.
        let staged = Dictionary(try repository.indexEntries(under: paths).map { ($0.path, $0.id) }, uniquingKeysWith: { first, _ in first })
        for path in paths {
            let committed = try repository.entry(atPath: path, inTree: base.tree)?.id
            let onDisk = FileManager.default.contents(atPath: workTree + "/" + path).map { try? repository.hashBlob(Array($0)) } ?? nil
            if staged[path] != committed || onDisk != committed {
                throw WorkflowError.usage("\(path) has changes that are not committed; commit or stash them first (coe changes only committed files)")
            }
        }
    }

    /// The files in the work tree and the index, as the new commit has them.
    private func updateWorkTreeAndIndex(_ writes: [FileWrite]) throws {
        for write in writes {
            let file = workTree + "/" + write.path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: file, contents: Data(write.bytes)) else {
                throw WorkflowError.usage("the commit was made, but \(write.path) could not be written to the work tree: run git checkout -- \(write.path)")
            }
        }
        let deadline = Date().addingTimeInterval(patience)
        var delay = 0.01
        while true {
            do {
                try repository.stageFromWorkTree(writes.map(\.path))
                return
            } catch let error as GitError where error.isLocked && Date() < deadline {
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 0.5)
            } catch {
                throw WorkflowError.usage("the commit was made, but the index could not be updated (\(error)): run git reset -q -- "
                                          + writes.map(\.path).joined(separator: " "))
            }
        }
    }
}

/// `<git dir>/coe/workflow.lock`: one workflow commit at a time per repository.
struct WorkflowLock {
    let path: String

    static func acquire(in gitDirectory: String, patience: TimeInterval) throws -> WorkflowLock {
        let folder = gitDirectory + "coe"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/workflow.lock"
        let deadline = Date().addingTimeInterval(patience)
        var delay = 0.005
        while true {
            let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if descriptor >= 0 {
                let pid = Array("\(getpid())\n".utf8)
                _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
                return WorkflowLock(path: path)
            }
            guard errno == EEXIST else {
                throw WorkflowError.notCommitted("cannot create \(path): \(String(cString: strerror(errno)))", savedAt: nil)
            }
            // A lock whose process is gone is taken over.
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) != 0, errno == ESRCH {
                unlink(path)
                continue
            }
            if Date() >= deadline {
                throw WorkflowError.notCommitted("another coe command has held \(path) for \(Int(patience)) s", savedAt: nil)
            }
            // Jittered backoff, so that processes started together do not retry in step.
            Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
            delay = min(delay * 2, 0.2)
        }
    }

    func release() { unlink(path) }
}
