#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cached trees git keeps in its index (the `TREE` extension): for each folder nothing was staged
/// in since the index was last written from a tree, that folder's tree id.
///
/// libgit2 reads this extension but offers no way to ask it. It is what lets `git diff --cached`
/// answer in milliseconds: a folder whose cached id equals HEAD's has nothing staged, without
/// comparing any of its files. A pre-commit hook asks one question — is anything staged under the
/// COE root? — and this answers it from the index file alone.
public struct IndexTreeCache: Sendable {
    public final class Node: Sendable {
        public let name: String
        /// nil when the folder has changes staged since its tree was cached (git writes -1).
        public let id: ObjectID?
        public let children: [Node]

        init(name: String, id: ObjectID?, children: [Node]) {
            self.name = name
            self.id = id
            self.children = children
        }
    }

    public let root: Node
    /// The names of the folders directly under the prefix given to `read`, from the index's entries.
    public var folders: Set<String> = []
    /// The names of the other entries directly under that prefix: files, links and submodules (gitlinks).
    public var files: Set<String> = []

    /// The cached node of a folder, by path components; nil when the cache does not reach it.
    public func node(at components: [String]) -> Node? {
        var current = root
        for component in components {
            guard let next = current.children.first(where: { $0.name == component }) else { return nil }
            current = next
        }
        return current
    }

    /// Only the cached tree id of one folder (nil when it is not cached or not valid), found without
    /// building the whole cache: what a pre-commit hook asks first.
    public static func cachedTreeID(indexFile path: String, at components: [String]) -> ObjectID? {
        mapped(path) { bytes -> ObjectID? in
            guard let start = endOfEntries(bytes, names: nil), let (body, end) = treeExtension(bytes, from: start) else { return nil }
            var cursor = body
            guard var node = readHeader(bytes, &cursor, end: end) else { return nil }
            // Pre-order: a node's header, then its subtrees. Down the path, skipping the other subtrees.
            for component in components.map({ Array($0.utf8) }) {
                var remaining = node.subtrees
                var found: Header?
                while remaining > 0, found == nil {
                    guard let child = readHeader(bytes, &cursor, end: end) else { return nil }
                    if bytes[child.name].elementsEqual(component) {
                        found = child
                    } else {
                        guard skip(bytes, &cursor, end: end, subtrees: child.subtrees) else { return nil }
                        remaining -= 1
                    }
                }
                guard let found else { return nil }
                node = found
            }
            return node.id
        } ?? nil
    }

    /// Reads the cache from an index file (versions 2 to 4), and with `prefix` the names of the folders
    /// directly under it that the index's entries are in, and of the entries directly in it; nil when the
    /// file has no valid cache.
    public static func read(indexFile path: String, foldersUnder prefix: String? = nil) -> IndexTreeCache? {
        mapped(path) { bytes -> IndexTreeCache? in
            var folders: Set<String> = []
            var files: Set<String> = []
            let wanted = prefix.map { Array(($0.isEmpty ? "" : $0 + "/").utf8) }
            // Entries are sorted: one folder's files are consecutive, so a name is made once per folder.
            var last: [UInt8] = []
            // Byte comparisons with memcmp and memchr: with generic `starts(with:)`, `firstIndex(of:)` and
            // `elementsEqual`, this walk of 18,000 entries was a fifth of the pre-commit hook's instructions.
            let collect: ((UnsafeRawBufferPointer, Int) -> Void)? = wanted.map { wanted in { name, _ in
                guard name.count > wanted.count, hasPrefix(name, wanted) else { return }
                let rest = name.baseAddress! + wanted.count, restCount = name.count - wanted.count
                // In the same folder as the entry before: its name and a "/".
                if !last.isEmpty, restCount > last.count, rest.load(fromByteOffset: last.count, as: UInt8.self) == 0x2F,
                   memcmp(rest, last, last.count) == 0 { return }
                guard let slash = memchr(rest, 0x2F, restCount) else {
                    files.insert(String(decoding: UnsafeRawBufferPointer(start: rest, count: restCount), as: UTF8.self))
                    return
                }
                let folder = UnsafeRawBufferPointer(start: rest, count: rest.distance(to: UnsafeRawPointer(slash)))
                last = Array(folder)
                folders.insert(String(decoding: folder, as: UTF8.self))
            } }
            guard let start = endOfEntries(bytes, names: collect), let (body, end) = treeExtension(bytes, from: start) else { return nil }
            var cursor = body
            guard let root = parseNode(bytes, &cursor, end: end) else { return nil }
            var cache = IndexTreeCache(root: root)
            cache.folders = folders
            cache.files = files
            return cache
        } ?? nil
    }

    /// Calls `body` with the file's bytes, mapped rather than read: a large repository's index is
    /// megabytes, of which little is needed.
    static func mapped<T>(_ path: String, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 12 else { return nil }
        let size = Int(status.st_size)
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else { return nil }
        defer { munmap(pointer, size) }
        return body(UnsafeRawBufferPointer(start: pointer, count: size))
    }

    /// Walks the entries of an index file (versions 2 to 4), giving each path and the offset of its entry
    /// to `names` when asked, and returns where the extensions start.
    static func endOfEntries(_ bytes: UnsafeRawBufferPointer, names: ((UnsafeRawBufferPointer, Int) -> Void)?) -> Int? {
        guard bytes.count >= 12, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return nil }  // "DIRC"
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        let version = u32(4), count = u32(8)
        guard (2...4).contains(version) else { return nil }
        var previous: [UInt8] = []
        // Each entry: a fixed 62-byte part (64 with extended flags), then the path.
        var offset = 12
        for _ in 0..<count {
            guard offset + 62 <= bytes.count else { return nil }
            let flags = Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])
            var nameStart = offset + 62
            if version >= 3, flags & 0x4000 != 0 { nameStart += 2 }
            if version == 4 {
                // A varint (how many bytes of the previous path to drop), then the rest of the path up to a NUL.
                var cursor = nameStart
                var drop = Int(bytes[cursor] & 0x7F)
                while cursor < bytes.count, bytes[cursor] & 0x80 != 0 {
                    cursor += 1
                    guard cursor < bytes.count else { return nil }
                    drop = ((drop + 1) << 7) | Int(bytes[cursor] & 0x7F)
                }
                cursor += 1
                guard cursor < bytes.count, let nul = memchr(bytes.baseAddress! + cursor, 0, bytes.count - cursor) else { return nil }
                let nameEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nul))
                if let names {
                    guard drop <= previous.count else { return nil }
                    previous.removeLast(drop)
                    previous.append(contentsOf: bytes[cursor..<nameEnd])
                    previous.withUnsafeBytes { names($0, offset) }
                }
                offset = nameEnd + 1
            } else {
                // The path's length is in the flags (0xFFF: at least that long); padded with 1 to 8 NULs
                // to a multiple of 8 bytes from the entry's start.
                var nameEnd = nameStart + (flags & 0xFFF)
                if flags & 0xFFF == 0xFFF {
                    guard nameEnd < bytes.count, let nul = memchr(bytes.baseAddress! + nameEnd, 0, bytes.count - nameEnd) else { return nil }
                    nameEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nul))
                }
                guard nameEnd <= bytes.count else { return nil }
                names?(UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd]), offset)
                offset += ((nameEnd - offset) + 8) & ~7
            }
        }
        return offset
    }

    /// True when `name` starts with the bytes of `prefix` (one memcmp).
    static func hasPrefix(_ name: UnsafeRawBufferPointer, _ prefix: [UInt8]) -> Bool {
        guard name.count >= prefix.count else { return false }
        guard !prefix.isEmpty else { return true }
        return memcmp(name.baseAddress!, prefix, prefix.count) == 0
    }

    /// Where the `TREE` extension's data is, if the index has one.
    static func treeExtension(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (body: Int, end: Int)? {
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var offset = start
        // Extensions until the trailing 20-byte checksum.
        while offset + 8 <= bytes.count - 20 {
            let size = u32(offset + 4)
            let body = offset + 8
            guard body + size <= bytes.count else { return nil }
            if bytes[offset] == 0x54, bytes[offset + 1] == 0x52, bytes[offset + 2] == 0x45, bytes[offset + 3] == 0x45 { return (body, body + size) }  // "TREE"
            offset = body + size
        }
        return nil
    }

    struct Header {
        let name: Range<Int>
        let id: ObjectID?
        let subtrees: Int
    }

    /// One node's header, `<name>\0<entry count> <subtree count>\n[<20-byte id> when the count is not -1]`,
    /// without its subtrees.
    static func readHeader(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, end: Int) -> Header? {
        let nameStart = cursor
        while cursor < end, bytes[cursor] != 0 { cursor += 1 }
        guard cursor < end else { return nil }
        let name = nameStart..<cursor
        cursor += 1
        func number(until terminator: UInt8) -> Int? {
            var negative = false, value = 0, digits = 0
            if cursor < end, bytes[cursor] == UInt8(ascii: "-") { negative = true; cursor += 1 }
            while cursor < end, bytes[cursor] != terminator {
                guard bytes[cursor] >= 48, bytes[cursor] <= 57 else { return nil }
                value = value * 10 + Int(bytes[cursor] - 48)
                digits += 1
                cursor += 1
            }
            guard cursor < end, digits > 0 else { return nil }
            cursor += 1
            return negative ? -value : value
        }
        guard let entries = number(until: 0x20), let subtrees = number(until: 0x0A) else { return nil }
        var id: ObjectID?
        if entries >= 0 {
            guard cursor + 20 <= end else { return nil }
            id = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor + 20)]))
            cursor += 20
        }
        return Header(name: name, id: id, subtrees: max(0, subtrees))
    }

    /// Skips `subtrees` whole subtrees.
    static func skip(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, end: Int, subtrees: Int) -> Bool {
        var pending = subtrees
        while pending > 0 {
            guard let header = readHeader(bytes, &cursor, end: end) else { return false }
            pending += header.subtrees - 1
        }
        return true
    }

    /// A node and its subtrees.
    static func parseNode(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, end: Int) -> Node? {
        guard let header = readHeader(bytes, &cursor, end: end) else { return nil }
        var children: [Node] = []
        for _ in 0..<header.subtrees {
            guard let child = parseNode(bytes, &cursor, end: end) else { return nil }
            children.append(child)
        }
        return Node(name: String(decoding: bytes[header.name], as: UTF8.self), id: header.id, children: children)
    }
}

extension IndexTreeCache {
    /// The entries (stage 0) of an index file whose paths start with one of `prefixes`, for each prefix in
    /// order (sorted, once each) and in the index's order, read from the file as `Repository.indexEntries(under:)`
    /// reads them through libgit2. nil when this reader cannot stand in for libgit2: no such file, a version
    /// other than 2 to 4, entries or extensions that do not add up, or a split or sparse index (entries kept
    /// in another file, folders as entries).
    ///
    /// libgit2 reads, checks and keeps every entry of the index, and frees them at the end: for the
    /// pre-commit hook in a repository of 18,000 files, 135 million instructions, half the hook's.
    static func entries(indexFile path: String, under prefixes: [String]) -> [IndexEntry]? {
        let wanted = Set(prefixes).sorted().map { Array($0.utf8) }
        return mapped(path) { bytes -> [IndexEntry]? in
            var found: [(prefix: Int, entry: IndexEntry)] = []
            let end = endOfEntries(bytes, names: { name, offset in
                guard let prefix = wanted.firstIndex(where: { hasPrefix(name, $0) }) else { return }
                // Stage in bits 12–13 of the flags; only stage 0 is staged content.
                let flags = Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])
                guard (flags >> 12) & 0x3 == 0 else { return }
                let mode = UInt32(bytes[offset + 24]) << 24 | UInt32(bytes[offset + 25]) << 16 | UInt32(bytes[offset + 26]) << 8 | UInt32(bytes[offset + 27])
                let entry = IndexEntry(path: String(decoding: name, as: UTF8.self),
                                       id: ObjectID(bytes: UnsafeRawBufferPointer(rebasing: bytes[(offset + 40)..<(offset + 60)])), mode: mode)
                // A path under two prefixes (`coes/a` and `coes/a/b`) is given for each, as libgit2's search by prefix gives it.
                for (index, other) in wanted.enumerated() where index >= prefix && hasPrefix(name, other) { found.append((index, entry)) }
            })
            guard let end, extensionsAllow(bytes, from: end) else { return nil }
            // Stable: by prefix, then in the index's order.
            return found.enumerated().sorted { ($0.element.prefix, $0.offset) < ($1.element.prefix, $1.offset) }.map(\.element.entry)
        } ?? nil
    }

    /// True when the extensions after the entries add up to the checksum and none of them says the entries
    /// are elsewhere or are not all files: `link` (a split index) and `sdir` (a sparse index).
    static func extensionsAllow(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var offset = start
        while offset + 8 <= bytes.count - 20 {
            let signature = (bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3])
            if signature == (0x6C, 0x69, 0x6E, 0x6B) || signature == (0x73, 0x64, 0x69, 0x72) { return false }  // "link", "sdir"
            let size = u32(offset + 4)
            guard offset + 8 + size <= bytes.count - 20 else { return false }
            offset += 8 + size
        }
        return offset == bytes.count - 20
    }
}

extension Repository {
    /// The index file git uses now: `GIT_INDEX_FILE` when set (a hook during `git commit -a`), else `<git dir>/index`.
    public var indexFilePath: String { indexOverride ?? gitDirectory + "index" }
}
