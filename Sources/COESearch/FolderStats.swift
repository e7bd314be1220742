import COEFormat
import COEWorkspace
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a COE folder and its `FileStamp`: enough to tell that it has not changed since its blob id
/// was computed, as git's index tells it.
struct FileStat: Equatable {
    /// The path relative to the repository root.
    let path: String
    let stamp: FileStamp
    /// A regular file (a link, a FIFO or a device is recorded by its `lstat`, never opened).
    let isFile: Bool

    var size: Int64 { stamp.size }
    var modified: Int64 { stamp.modified }
    var changed: Int64 { stamp.changed }
    var inode: Int64 { stamp.inode }

    init(path: String, size: Int64, modified: Int64, changed: Int64, inode: Int64, isFile: Bool) {
        self.init(path: path, stamp: FileStamp(size: size, inode: inode, modified: modified, changed: changed), isFile: isFile)
    }

    init(path: String, stamp: FileStamp, isFile: Bool) {
        self.path = path
        self.stamp = stamp
        self.isFile = isFile
    }
}

enum FolderStats {
    /// The fingerprint of each folder's stats (nil for nil entries and for folders that cannot be opened),
    /// the folders shared among the cores. The warm path of every search: no string and no array is made
    /// per file, only a `stat` taken and mixed in.
    static func fingerprints(of folders: [String?], workTree: String) -> [String?] {
        let slots = ParallelSlots<String>(count: folders.count)
        let lanes = min(4, max(1, folders.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            var path: [UInt8] = []
            path.reserveCapacity(256)
            while index < folders.count {
                if let folder = folders[index] {
                    var print = Fingerprint()
                    if walk(folder, workTree: workTree, path: &path, visit: { path, stamp, isFile in print.add(path, stamp, isFile) }) {
                        slots.set(index, print.hex)
                    }
                }
                index += lanes
            }
        }
        return slots.all
    }

    /// Every entry below `folder` (relative to `workTree`), folders walked without following a link; nil
    /// when the folder cannot be opened.
    static func files(in folder: String, workTree: String) -> [FileStat]? {
        var stats: [FileStat] = []
        var path: [UInt8] = []
        guard walk(folder, workTree: workTree, path: &path, visit: { path, stamp, isFile in
            stats.append(FileStat(path: String(decoding: path, as: UTF8.self), stamp: stamp, isFile: isFile))
        }) else { return nil }
        return stats.sorted { $0.path < $1.path }
    }

    /// Walks `folder`, calling `visit` with each entry's path (relative to `workTree`), stamp and whether it
    /// is a regular file; false when the folder cannot be opened.
    private static func walk(_ folder: String, workTree: String, path: inout [UInt8],
                             visit: (UnsafeBufferPointer<UInt8>, FileStamp, Bool) -> Void) -> Bool {
        let descriptor = open(workTree + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        path.removeAll(keepingCapacity: true)
        path.append(contentsOf: folder.utf8)
        walk(descriptor, path: &path, depth: 0, visit: visit)
        return true
    }

    /// Lists an open folder (and closes it), recursing into its folders; a depth past 32 is not walked
    /// (reading the COE then says what is wrong with it). A folder is known by the type `readdir` gives
    /// (no `stat` of its own: nothing of it is recorded); a file, link or other entry is `lstat`ed.
    private static func walk(_ descriptor: Int32, path: inout [UInt8], depth: Int, visit: (UnsafeBufferPointer<UInt8>, FileStamp, Bool) -> Void) {
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
                guard depth < 32 else { continue }
                let next = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if next >= 0 { walk(next, path: &path, depth: depth + 1, visit: visit) }
                continue
            }
            path.withUnsafeBufferPointer { visit($0, FileStamp(info), info.st_mode & S_IFMT == S_IFREG) }
        }
    }

    /// The fingerprint of a folder's stats, as `fingerprints` computes it.
    static func fingerprint(_ stats: [FileStat]) -> String {
        var print = Fingerprint()
        for stat in stats {
            let path = Array(stat.path.utf8)
            path.withUnsafeBufferPointer { print.add($0, stat.stamp, stat.isFile) }
        }
        return print.hex
    }

    /// A 64-bit digest of a folder's entries (not security: it only tells "maybe changed" from "unchanged"):
    /// each entry's path and stamp by FNV-1a, mixed and summed, so that it does not depend on the order
    /// `readdir` lists them in.
    struct Fingerprint {
        private var sum: UInt64 = 0
        private var count: UInt64 = 0

        mutating func add(_ path: UnsafeBufferPointer<UInt8>, _ stamp: FileStamp, _ isFile: Bool) {
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
            mix(isFile ? 1 : 0)
            sum &+= Self.mix(hash)
            count += 1
        }

        /// splitmix64's finalizer: every bit of the entry's hash reaches every bit of what is summed.
        private static func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }

        var hex: String { String(Self.mix(sum ^ Self.mix(count)), radix: 16) }
    }
}
