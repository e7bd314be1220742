import COEFormat
import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the tool's own commits, leaving the user's staged and unstaged work exactly as it was, and
/// leaving the repository whole wherever the process is killed.
///
/// The new commit is HEAD's tree with only the tool's files changed (built with libgit2's tree
/// updates, never from the index). A file the tool changes must be unmodified in the index and the
/// work tree, or the command stops before doing anything. Then, in this order:
///
/// 1. the next index (the current one with the commit's entries for the written paths) and the
///    branch's next value are prepared in files of their own, and a journal naming them is written;
/// 2. git's locks are taken by hard-linking those files as `refs/heads/<branch>.lock` and
///    `index.lock` (so they appear whole, and are recognisably coe's), the branch is checked to still
///    point where it pointed (else the commit is built again), the index to be the one copied;
/// 3. the index is renamed into place — HEAD does not have the record yet, so it is staged as an
///    addition, never as a deletion — then the work tree's files, each renamed into place;
/// 4. the branch file is renamed into place: the commit point. The saved text is removed, and the
///    journal last.
///
/// Until the branch moves its lock is held, so a `git commit` made meanwhile fails instead of
/// recording the index or the work tree half-way; after it, index and work tree match HEAD. A command
/// killed anywhere leaves a journal; the next one finishes or undoes it (`Recovery`).
/// Concurrent `coe` commands in one work tree take turns through `WorkflowLock`.
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

    /// A commit made, with what recovering an interrupted command did first.
    struct Made {
        let commit: ObjectID
        let recovered: [String]
    }

    let repository: Repository
    let workTree: String
    let identity: Identity
    /// How long to wait for another `coe` command or git's own lock before giving up.
    var patience: TimeInterval = 30
    /// The saved copy of the user's text (PendingText), removed once the commit has landed.
    var savedText: String?

    var folder: WorkflowFolder { WorkflowFolder(gitDirectory: repository.gitDirectory) }

    /// Builds the commit with `build` on the current HEAD (again if HEAD moved meanwhile) and makes it.
    func commit(_ build: (Base) throws -> (writes: [FileWrite], message: String)) throws -> Made {
        guard let branch = try checkState() else {
            throw WorkflowError.notCommitted("HEAD is detached; check out a branch first", savedAt: nil)
        }
        let lock = try WorkflowLock.acquire(in: repository.gitDirectory, patience: patience)
        defer { lock.release() }
        FaultLog.mark("locked")
        let recovered = try Recovery(repository: repository, workTree: workTree, folder: folder, patience: patience).run()
        var attempts = 0
        while true {
            attempts += 1
            guard let head = try repository.head() else {
                throw WorkflowError.usage("the branch has no commit yet; commit the COE first")
            }
            let base = Base(commit: head, tree: try repository.commit(head).tree)
            let (writes, message) = try build(base)
            if let commit = try attempt(writes, message: message, base: base, branch: branch) {
                return Made(commit: commit, recovered: recovered)
            }
            guard attempts < 20 else {
                throw WorkflowError.notCommitted("the branch or the index kept changing while coe committed (20 attempts)",
                                                 savedAt: nil)
            }
            // Someone (git itself, not coe: coe holds the lock) committed or staged meanwhile: build again.
            Thread.sleep(forTimeInterval: 0.02 * Double(attempts))
        }
    }

    /// The branch HEAD points to, once no merge, rebase or the like is in progress (nil: detached).
    func checkState() throws -> String? {
        if let operation = repository.operationInProgress {
            throw WorkflowError.notCommitted("\(operation) is in progress; finish or abort it first", savedAt: nil)
        }
        return try repository.headBranch()
    }

    /// One try at the commit; nil when the branch or the index changed meanwhile (nothing was changed).
    private func attempt(_ writes: [FileWrite], message: String, base: Base, branch: String) throws -> ObjectID? {
        let swap = try IndexSwap(repository: repository, folder: folder)
        defer { swap.discard() }
        try checkUnmodified(writes.map(\.path), base: base, index: swap.index)
        let tree = try repository.tree(from: base.tree, applying: writes.map { .write(path: $0.path, bytes: $0.bytes) })
        let text = try repository.commitText(tree: tree, parents: [base.commit], message: message, author: identity.author,
                                             committer: identity.committer)
        let signature = try CommitSigner.signature(for: text, repository: repository, committer: identity.committer)
        let commit = try repository.writeCommit(text: text, signature: signature)

        var changes: [Journal.Change] = []
        for write in writes {
            let id = try repository.hashBlob(write.bytes)
            try swap.index.set(write.path, id: id, size: write.bytes.count)
            changes.append(Journal.Change(path: write.path, old: try repository.entry(atPath: write.path, inTree: base.tree)?.id.hex,
                                          new: id.hex))
        }
        let referenceCopy = folder.temporaryFile("branch")
        try DurableFiles.create(referenceCopy, Array("\(commit.hex)\n".utf8), durable: false)
        defer { unlink(referenceCopy) }
        var journal = Journal(branch: branch, base: base.commit.hex, commit: commit.hex, changes: changes, text: savedText)
        journal.indexCopy = swap.index.path
        journal.indexIdentity = try swap.seal()
        journal.referenceCopy = referenceCopy
        journal.referenceIdentity = DurableFiles.identity(of: referenceCopy)
        try journal.save(in: folder)
        FaultLog.mark("journal")

        // Until the index is renamed, nothing the user or git sees has changed: any failure removes the
        // journal and the locks, and the command ends with no commit.
        let referenceLock = repository.referenceFile(branch) + ".lock"
        var referenceLockIdentity: DurableFiles.Identity?
        do {
            referenceLockIdentity = try GitLock.take(referenceLock, from: referenceCopy, patience: patience)
            guard try repository.referenceTarget(branch) == base.commit else {
                GitLock.release(referenceLock, ifItIs: referenceLockIdentity)
                Journal.remove(from: folder)
                return nil
            }
            guard try swap.take(patience: patience) else {
                GitLock.release(referenceLock, ifItIs: referenceLockIdentity)
                Journal.remove(from: folder)
                return nil
            }
            try swap.install()
        } catch {
            GitLock.release(referenceLock, ifItIs: referenceLockIdentity)
            Journal.remove(from: folder)
            throw error
        }
        FaultLog.mark("index")

        // The work tree follows while the branch's lock is still held: until the branch moves, any
        // `git commit` fails on that lock, so none can record the index or the work tree half-way.
        do {
            for write in writes { try WorkTreeFiles.write(write.path, write.bytes, in: workTree, folder: folder) }
            FaultLog.mark("worktree")
            // The commit point.
            try repository.appendReflogs(branch: branch, old: base.commit, new: commit, committer: identity.committer,
                                         message: "coe: \(message.prefix { $0 != "\n" })")
            guard rename(referenceLock, repository.referenceFile(branch)) == 0 else {
                throw DurableFiles.failure("rename \(referenceLock) to \(repository.referenceFile(branch))")
            }
        } catch {
            // Undone as for a killed command: the lock released, the index and the files put back.
            _ = try? Recovery(repository: repository, workTree: workTree, folder: folder, patience: patience).run()
            throw error
        }
        FaultLog.mark("branch")

        // The commit has landed: the saved text goes, and the journal last.
        if let savedText { unlink(savedText) }
        Journal.remove(from: folder)
        FaultLog.mark("done")
        return commit
    }

    /// A file the tool changes must be as HEAD has it, both staged and on disk.
    private func checkUnmodified(_ paths: [String], base: Base, index: IndexFile) throws {
        for path in paths {
            let committed = try repository.entry(atPath: path, inTree: base.tree)?.id
            let onDisk = try DurableFiles.read(workTree + "/" + path).map { try repository.hashBlob($0) }
            if index.entry(path)?.id != committed || index.isConflicted(path) || onDisk != committed {
                throw WorkflowError.usage("\(path) has changes that are not committed; commit or stash them first "
                                          + "(coe changes only committed files)")
            }
        }
    }
}
