import COEFormat
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry below a COE folder of the work tree and its `FileStamp`: enough to tell that it has not changed
/// since it was last read, as git's index tells it.
public struct FileStat: Equatable, Sendable {
    /// What an entry is. A folder is known by the type `readdir` gives and has no stamp of its own (what is in
    /// it is walked); a folder that cannot be opened, or lies deeper than `FolderStamps.maximumDepth`, is
    /// recorded as `unopened`.
    public enum Kind: UInt8, Sendable {
        case file, folder, unopened, other
    }

    /// The path relative to the repository root.
    public let path: String
    public let stamp: FileStamp
    /// A regular file is hashed and read; a link, a FIFO or a device is recorded by its `lstat`, never opened.
    public let kind: Kind

    public var isFile: Bool { kind == .file }
    public var size: Int64 { stamp.size }
    public var modified: Int64 { stamp.modified }
    public var changed: Int64 { stamp.changed }
    public var inode: Int64 { stamp.inode }

    public init(path: String, stamp: FileStamp, kind: Kind) {
        self.path = path
        self.stamp = stamp
        self.kind = kind
    }
}

/// What tells a COE folder of the work tree unchanged without reading it: a digest of every entry below it
/// (path, kind, and `FileStamp` for a file, link or other), and the newest modification or change time among them.
public struct FolderStamp: Equatable, Sendable {
    public let digest: UInt64
    /// The newest modification or change time (nanoseconds) of an entry; `Int64.min` when there is none. A
    /// folder changed within a moment of being read could change again with the same stamps (a file system
    /// that stamps in whole seconds): its callers trust a stamp only when this is old enough.
    public let newest: Int64

    public init(digest: UInt64, newest: Int64) {
        self.digest = digest
        self.newest = newest
    }

    /// The digest as 16 hexadecimal digits, as the caches store it.
    public var hex: String {
        let digits = String(digest, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The one walk of the work tree's COE folders: the stamps of every entry below a folder, taken without
/// following a link, on every core. The findings cache (`coe lint`) and the search index each tell a COE
/// unchanged by its `FolderStamp`; one `coe lint` takes the stamps once (`WorkTreeStamps`) for both.
public enum FolderStamps {
    /// Folders nested deeper than this below a COE folder are not walked (reading the COE says what is wrong with it).
    public static let maximumDepth = 32

    /// The stamp of each folder (nil for nil entries and for folders that cannot be opened), the folders shared
    /// among the cores. No string and no array is made per file, only a `stat` taken and mixed in.
    public static func stamps(of folders: [String?], workTree: String) -> [FolderStamp?] {
        let slots = ParallelSlots<FolderStamp>(count: folders.count)
        let lanes = min(4, max(1, folders.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            var path: [UInt8] = []
            path.reserveCapacity(256)
            while index < folders.count {
                if let folder = folders[index] {
                    var digest = Digest()
                    if walk(folder, workTree: workTree, path: &path, visit: { path, stamp, kind in digest.add(path, stamp, kind) }) {
                        slots.set(index, digest.stamp)
                    }
                }
                index += lanes
            }
        }
        return slots.all
    }

    /// Every entry below `folder` (relative to `workTree`) in path order, folders walked without following a
    /// link; nil when the folder cannot be opened.
    public static func files(in folder: String, workTree: String) -> [FileStat]? {
        var stats: [FileStat] = []
        var path: [UInt8] = []
        guard walk(folder, workTree: workTree, path: &path, visit: { path, stamp, kind in
            stats.append(FileStat(path: String(decoding: path, as: UTF8.self), stamp: stamp, kind: kind))
        }) else { return nil }
        return stats.sorted { $0.path < $1.path }
    }

    /// The stamp of a folder's entries, as `stamps(of:workTree:)` computes it.
    public static func stamp(of stats: [FileStat]) -> FolderStamp {
        var digest = Digest()
        for stat in stats {
            let path = Array(stat.path.utf8)
            path.withUnsafeBufferPointer { digest.add($0, stat.stamp, stat.kind) }
        }
        return digest.stamp
    }

    /// Walks `folder`, calling `visit` with each entry's path (relative to `workTree`), stamp and kind; false
    /// when the folder cannot be opened.
    private static func walk(_ folder: String, workTree: String, path: inout [UInt8],
                             visit: (UnsafeBufferPointer<UInt8>, FileStamp, FileStat.Kind) -> Void) -> Bool {
        let descriptor = open(workTree + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        path.removeAll(keepingCapacity: true)
        path.append(contentsOf: folder.utf8)
        walk(descriptor, path: &path, depth: 0, visit: visit)
        return true
    }

    private static let noStamp = FileStamp(size: 0, inode: 0, modified: 0, changed: 0)

    /// Lists an open folder (and closes it), recursing into its folders. A folder is known by the type `readdir`
    /// gives (no `stat` of its own: what is in it is walked) and recorded by its path and kind, so that an empty
    /// folder made or removed is seen; one that cannot be opened, or lies past `maximumDepth`, is recorded as
    /// `unopened`. A file, link or other entry is `lstat`ed.
    private static func walk(_ descriptor: Int32, path: inout [UInt8], depth: Int, visit: (UnsafeBufferPointer<UInt8>, FileStamp, FileStat.Kind) -> Void) {
        guard let handle = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(handle) }
        let folder = dirfd(handle)
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(handle) {
            let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let length = strlen(name)
            if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { continue }   // "." and ".."
            let type = entry.pointee.d_type
            var isFolder = type == UInt8(DT_DIR)
            var info = stat()
            if !isFolder {
                guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                isFolder = info.st_mode & S_IFMT == S_IFDIR
            }
            let end = path.count
            path.append(0x2F)
            path.append(contentsOf: UnsafeRawBufferPointer(start: name, count: length))
            defer { path.removeSubrange(end...) }
            if isFolder {
                let next = depth < maximumDepth ? openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
                path.withUnsafeBufferPointer { visit($0, noStamp, next >= 0 ? .folder : .unopened) }
                if next >= 0 { walk(next, path: &path, depth: depth + 1, visit: visit) }
                continue
            }
            path.withUnsafeBufferPointer { visit($0, FileStamp(info), info.st_mode & S_IFMT == S_IFREG ? .file : .other) }
        }
    }

    /// A 64-bit digest of a folder's entries (not security: it only tells "maybe changed" from "unchanged"):
    /// each entry's path, kind and stamp by FNV-1a, mixed and summed, so that it does not depend on the order
    /// `readdir` lists them in; and the newest time among them.
    struct Digest {
        private var sum: UInt64 = 0
        private var count: UInt64 = 0
        private var newest = Int64.min

        mutating func add(_ path: UnsafeBufferPointer<UInt8>, _ stamp: FileStamp, _ kind: FileStat.Kind) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in path { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            func mix(_ value: Int64) {
                var bits = UInt64(bitPattern: value)
                for _ in 0..<8 {
                    hash = (hash ^ (bits & 0xFF)) &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
            mix(stamp.size)
            mix(stamp.modified)
            mix(stamp.changed)
            mix(stamp.inode)
            mix(Int64(kind.rawValue))
            sum &+= Self.mix(hash)
            count += 1
            if kind != .folder && kind != .unopened { newest = max(newest, stamp.modified, stamp.changed) }
        }

        /// splitmix64's finalizer: every bit of the entry's hash reaches every bit of what is summed.
        private static func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }

        var stamp: FolderStamp { FolderStamp(digest: Self.mix(sum ^ Self.mix(count)), newest: newest) }
    }
}

/// The stamps of the work tree's COE folders as one command saw them: each folder walked once however many
/// callers ask (a `coe lint` asks for the search index's freshness, then for the findings cache). A command
/// makes one when it starts and hands it to each caller; a command that writes COE files makes another after
/// writing (the stamps are never taken again by this value).
public final class WorkTreeStamps: @unchecked Sendable {
    public let workTree: String
    private let lock = NSLock()
    private var known: [String: FolderStamp?] = [:]

    public init(workTree: String) { self.workTree = workTree }

    /// The stamp of each folder (relative to the work tree; nil where it cannot be opened), walking only the
    /// folders not asked for before.
    public func stamps(of folders: [String]) -> [FolderStamp?] {
        let missing = lock.withLock { folders.filter { known[$0] == nil } }
        if !missing.isEmpty {
            var seen = Set<String>()
            let unique = missing.filter { seen.insert($0).inserted }
            let taken = FolderStamps.stamps(of: unique, workTree: workTree)
            lock.withLock { for (folder, stamp) in zip(unique, taken) where known[folder] == nil { known[folder] = .some(stamp) } }
        }
        return lock.withLock { folders.map { known[$0] ?? nil } }
    }
}
