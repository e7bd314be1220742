import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way `coe`'s caches in the git directory (the history index, the log cache, the read cache, the
/// people index, the lint findings cache) replace their file: its folder made when missing, the bytes written
/// to a temporary file of this process and renamed over the old one, so a reader sees the old file or the new
/// one whole, never a part. A failure (a read-only repository, a full disk) returns false and only costs the
/// next run the work again.
public enum CacheFile {
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        // Written from the bytes in place: a copy (`Data(bytes)`) would hold a large index twice.
        let written = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return FileManager.default.createFile(atPath: temporary, contents: Data()) }
            return FileManager.default.createFile(atPath: temporary, contents: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base),
                                                                                    count: buffer.count, deallocator: .none))
        }
        guard written else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
