import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Git's own lock files (`index.lock`, `refs/heads/<branch>.lock`), taken as git takes them — by
/// creating the file, which fails while it exists — but created whole: a file prepared beforehand is
/// hard-linked as the lock. The lock therefore appears with its content, and coe can tell later whether
/// a lock is its own (the same inode as the file its journal names) or someone else's.
///
/// A lock that is someone else's is never removed: git writes no owner into it, so no process can be
/// proved dead. coe waits a little (git holds its locks for milliseconds), then stops before
/// committing and tells the user the exact command, so that a retry never makes a duplicate.
enum GitLock {
    /// How long a lock may have existed before coe stops waiting for it.
    static let grace: TimeInterval = 5

    /// Makes `lock` a name of `prepared`, waiting while the lock is held by another process; returns the
    /// lock's identity.
    @discardableResult
    static func take(_ lock: String, from prepared: String, patience: TimeInterval) throws -> DurableFiles.Identity? {
        let started = Date()
        var delay = 0.002
        var madeFolder = false
        while true {
            if link(prepared, lock) == 0 { return DurableFiles.identity(of: lock) }
            switch errno {
            case EEXIST:
                // Stop once the lock has been there for `grace`: a git command that holds it longer is
                // waiting for a person (an editor), or is gone.
                let age = DurableFiles.age(of: lock) ?? 0
                if age >= grace || Date().timeIntervalSince(started) >= patience {
                    throw WorkflowError.notCommitted(heldMessage(lock, age: age), savedAt: nil)
                }
                Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
                delay = min(delay * 2, 0.1)
            case ENOENT where !madeFolder:
                // A branch kept only in packed-refs may have no folder for its loose file yet.
                madeFolder = true
                try DurableFiles.makeFolder((lock as NSString).deletingLastPathComponent)
            case EXDEV, EPERM, ENOTSUP, EMLINK:
                // No hard links here: created the ordinary way (the lock is then only recognised by age).
                try DurableFiles.create(lock, try DurableFiles.read(prepared) ?? [], durable: false)
                return DurableFiles.identity(of: lock)
            default:
                throw DurableFiles.failure("create \(lock)")
            }
        }
    }

    /// Removes `lock` if it is the file with `identity` (this command's), and only then.
    @discardableResult
    static func release(_ lock: String, ifItIs identity: DurableFiles.Identity?) -> Bool {
        guard let identity, DurableFiles.identity(of: lock) == identity else { return false }
        return unlink(lock) == 0
    }

    static func heldMessage(_ lock: String, age: TimeInterval) -> String {
        """
        git's lock file \(lock) is in the way (it was written \(Int(age.rounded())) s ago; git holds its locks for \
        milliseconds). If a git command is running in this repository (an editor open for 'git commit -a', a rebase), \
        let it finish, then run the same command again. If none is (check with: ps -ef | grep '[g]it'), a git process \
        that was stopped left it behind; remove it with
          rm '\(lock)'
        and run the same command again. Nothing was committed.
        """
    }
}

/// The next index, built in a copy of the current one and put in place with one rename under git's
/// `index.lock`, only if the index is still the one copied: whatever git or the user staged meanwhile
/// is never overwritten, and the index is at every moment either the old one or the new one.
final class IndexSwap {
    let repository: Repository
    /// The index as it was copied (nil: there was none).
    let snapshot: [UInt8]?
    /// The copy being edited.
    let index: IndexFile
    /// The lock, once taken.
    private var lockIdentity: DurableFiles.Identity?
    var lock: String { repository.indexFilePath + ".lock" }

    init(repository: Repository, folder: WorkflowFolder) throws {
        self.repository = repository
        snapshot = try DurableFiles.read(repository.indexFilePath)
        let copy = folder.temporaryFile("index")
        if let snapshot { try DurableFiles.create(copy, snapshot, durable: false) }
        index = try IndexFile(path: copy)
    }

    /// Writes the edited copy to disk (fsynced) and returns its identity, to be journalled before `take`.
    func seal() throws -> DurableFiles.Identity {
        try index.write()
        let descriptor = open(index.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DurableFiles.failure("open \(index.path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw DurableFiles.failure("write \(index.path) to disk") }
        guard let identity = DurableFiles.identity(of: index.path) else { throw DurableFiles.failure("read \(index.path)") }
        return identity
    }

    /// Takes `index.lock` with the copy as its content; false (lock released again) when the index
    /// changed since it was copied.
    func take(patience: TimeInterval) throws -> Bool {
        lockIdentity = try GitLock.take(lock, from: index.path, patience: patience)
        if try DurableFiles.read(repository.indexFilePath) == snapshot { return true }
        release()
        return false
    }

    /// Puts the copy in place (the rename git's `commit_lock_file` does).
    func install() throws {
        guard rename(lock, repository.indexFilePath) == 0 else {
            let error = DurableFiles.failure("rename \(lock) to \(repository.indexFilePath)")
            release()
            throw error
        }
        lockIdentity = nil
    }

    /// Gives `index.lock` back without changing the index.
    func release() {
        GitLock.release(lock, ifItIs: lockIdentity)
        lockIdentity = nil
    }

    /// Removes the copy's own name (after `install`, the index keeps the file).
    func discard() { unlink(index.path) }
}
