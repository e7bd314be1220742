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
    /// The stats of each folder (nil entries are not walked), the folders shared among the cores.
    static func files(in folders: [String?], workTree: String) -> [[FileStat]?] {
        let slots = ParallelSlots<[FileStat]>(count: folders.count)
        DispatchQueue.concurrentPerform(iterations: min(4, max(1, folders.count))) { lane in
            var index = lane
            let lanes = min(4, max(1, folders.count))
            while index < folders.count {
                if let folder = folders[index], let stats = files(in: folder, workTree: workTree) { slots.set(index, stats) }
                index += lanes
            }
        }
        return slots.all
    }

    /// Every entry below `folder` (relative to `workTree`), folders walked without following a link; nil
    /// when the folder cannot be opened.
    static func files(in folder: String, workTree: String) -> [FileStat]? {
        let descriptor = open(workTree + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var stats: [FileStat] = []
        walk(descriptor, folder, into: &stats, depth: 0)
        return stats.sorted { $0.path < $1.path }
    }

    /// Lists an open folder (and closes it), recursing into its folders; a depth past 32 is not walked
    /// (reading the COE then says what is wrong with it).
    private static func walk(_ descriptor: Int32, _ path: String, into stats: inout [FileStat], depth: Int) {
        guard let handle = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(handle) }
        let folder = dirfd(handle)
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let child = path + "/" + name
            if info.st_mode & S_IFMT == S_IFDIR {
                guard depth < 32 else { continue }
                let next = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if next >= 0 { walk(next, child, into: &stats, depth: depth + 1) }
                continue
            }
            stats.append(FileStat(path: child, stamp: FileStamp(info), isFile: info.st_mode & S_IFMT == S_IFREG))
        }
    }

    /// A 64-bit FNV-1a digest of the stats (not security: it only tells "maybe changed" from "unchanged").
    static func fingerprint(_ stats: [FileStat]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 } }
        for stat in stats {
            mix(stat.path.utf8)
            for value in [stat.size, stat.modified, stat.changed, stat.inode, stat.isFile ? 1 : 0] {
                withUnsafeBytes(of: value.littleEndian) { mix($0) }
            }
        }
        return String(hash, radix: 16)
    }
}
