import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `read` and `write` under names no method shadows.
#if canImport(Glibc)
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Glibc.read(descriptor, buffer, count)
}
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.write(descriptor, buffer, count)
}
#elseif canImport(Darwin)
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Darwin.read(descriptor, buffer, count)
}
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.write(descriptor, buffer, count)
}
#endif

/// The file operations the workflow's crash safety rests on: files created whole (written beside their
/// place, then renamed or linked in), made durable with fsync, and recognised afterwards by identity.
enum DurableFiles {
    /// A file's device and inode: the same file under another name (a hard link) has the same identity.
    struct Identity: Codable, Equatable {
        let device: UInt64
        let inode: UInt64
    }

    static func identity(of path: String) -> Identity? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Seconds since the file at `path` was last modified, nil when it does not exist.
    static func age(of path: String) -> TimeInterval? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Double(status.st_mtimespec.tv_sec) + Double(status.st_mtimespec.tv_nsec) / 1e9
        #else
        let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        #endif
        return max(0, Date().timeIntervalSince1970 - modified)
    }

    /// The bytes of the file at `path`; nil when there is no such file.
    static func read(_ path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("read \(path)")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read \(path)")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Creates a new file at `path` holding `bytes` (it must not exist), fsynced when `durable`.
    static func create(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o666, durable: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("create \(path)") }
        var ok = false
        defer {
            close(descriptor)
            if !ok { unlink(path) }
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write \(path)")
            }
            offset += count
        }
        if durable, fsync(descriptor) != 0 { throw failure("write \(path) to disk") }
        ok = true
    }

    /// Replaces the file at `path` with `bytes` in one step: written to `temporary` and renamed over it.
    static func replace(_ path: String, with bytes: [UInt8], temporary: String, mode: mode_t = 0o666, durable: Bool) throws {
        unlink(temporary)
        try create(temporary, bytes, mode: mode, durable: durable)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        if durable { syncFolder(of: path) }
    }

    /// Makes a rename or a new name in the folder of `path` durable.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The folder at `path`, created with its parents when missing.
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// True when process `pid` runs on this machine (a process of another user counts).
    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    static func failure(_ operation: String) -> WorkflowError {
        .notCommitted("cannot \(operation): \(String(cString: strerror(errno)))", savedAt: nil)
    }
}
