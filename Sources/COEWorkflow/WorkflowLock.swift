import COEWorkspace
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `<git dir>/coe/workflow.lock`: one workflow commit at a time per work tree.
///
/// The lock is the kernel's (`flock`) on that file, not the file's existence: the kernel releases it
/// when its process ends, however it ends, so a killed command never leaves a lock behind and there
/// is no stale lock to take over (and no race between two processes taking one over). The file
/// itself stays. Who holds the lock, and since when, is written beside it (`workflow.owner`, made
/// whole with a rename) so that a command that waits in vain can say who it waited for.
struct WorkflowLock {
    let lock: FileLock
    let ownerFile: String

    static func acquire(in gitDirectory: String, patience: TimeInterval) throws -> WorkflowLock {
        let folder = WorkflowFolder(gitDirectory: gitDirectory)
        try? DurableFiles.makeFolder(folder.temporary)
        let path = folder.lock
        let ownerFile = folder.owner
        do {
            let lock = WorkflowLock(lock: try FileLock.acquire(path, patience: patience), ownerFile: ownerFile)
            lock.recordOwner(temporary: folder.temporaryFile("owner"))
            return lock
        } catch .unavailable(let reason) {
            throw WorkflowError.notCommitted(reason, savedAt: nil)
        } catch .timedOut {
            let owner = (try? String(contentsOfFile: ownerFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            throw WorkflowError.notCommitted("another coe command (\(owner ?? "owner unknown")) has held \(path) for more than "
                                             + "\(Int(patience)) s; it is released when that command ends", savedAt: nil)
        }
    }

    /// `pid <n> on <host> since <time>`, written whole (temporary file and rename): only a diagnostic,
    /// as the kernel, not this file, decides who holds the lock.
    private func recordOwner(temporary: String) {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let since = ISO8601DateFormatter().string(from: Date())
        let text = "pid \(getpid()) on \(hostName) since \(since)\n"
        try? DurableFiles.replace(ownerFile, with: Array(text.utf8), temporary: temporary, durable: false)
    }

    func release() {
        unlink(ownerFile)
        lock.release()
    }
}
