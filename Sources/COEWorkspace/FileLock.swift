import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock held through the kernel (`flock`) on a file: released when its process ends,
/// however it ends, so no stale lock is ever left to take over. The one way coe waits for another coe
/// process (the workflow's commits, the server's witness).
public struct FileLock: Sendable {
    /// Why the lock was not taken.
    public enum Failure: Error, Sendable {
        /// The file could not be opened or locked (`flock` unsupported, say), with the system's reason.
        case unavailable(String)
        /// Another process held it for longer than the patience given.
        case timedOut
    }

    public let path: String
    let descriptor: Int32

    /// Takes the lock on `path` (created if missing), waiting with jittered backoff for at most `patience`.
    public static func acquire(_ path: String, patience: TimeInterval) throws(Failure) -> FileLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .unavailable("cannot open \(path): \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(patience)
        var delay = 0.005
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(path: path, descriptor: descriptor) }
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .unavailable("cannot lock \(path) (flock: \(reason)); is it on a file system without locks?")
            }
            if Date() >= deadline {
                close(descriptor)
                throw .timedOut
            }
            // Jittered backoff, so that processes started together do not retry in step.
            Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
            delay = min(delay * 2, 0.2)
        }
    }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
