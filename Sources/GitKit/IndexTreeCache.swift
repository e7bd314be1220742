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

    /// The cached node of a folder, by path components; nil when the cache does not reach it.
    public func node(at components: [String]) -> Node? {
        var current = root
        for component in components {
            guard let next = current.children.first(where: { $0.name == component }) else { return nil }
            current = next
        }
        return current
    }

    /// Reads the cache from an index file (versions 2 to 4); nil when the file has no valid cache
    /// or cannot be read.
    public static func read(indexFile path: String, foldersUnder prefix: String? = nil) -> IndexTreeCache? {
        // Mapped, not read: a large repository's index is megabytes, of which only the end is needed.
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 12 else { return nil }
        let size = Int(status.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        return parse(UnsafeRawBufferPointer(start: mapped, count: size), foldersUnder: prefix.map { Array(($0.isEmpty ? "" : $0 + "/").utf8) })
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, foldersUnder prefix: [UInt8]?) -> IndexTreeCache? {
        guard bytes.count >= 12, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return nil }  // "DIRC"
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        let version = u32(4), count = u32(8)
        guard (2...4).contains(version) else { return nil }
        var folders: Set<String> = []
        /// The folder directly under the prefix that a name (v2/v3: read in place) lies in.
        // Entries are sorted: one folder's files are consecutive, so a name is made once per folder.
        var lastFolder: Range<Int> = 0..<0
        func note(_ nameStart: Int, _ nameEnd: Int) {
            guard let prefix, nameEnd - nameStart > prefix.count,
                  memcmp(bytes.baseAddress! + nameStart, prefix, prefix.count) == 0 else { return }
            let rest = nameStart + prefix.count
            guard let slash = memchr(bytes.baseAddress! + rest, 0x2F, nameEnd - rest) else { return }
            let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(slash))
            if end - rest == lastFolder.count, memcmp(bytes.baseAddress! + rest, bytes.baseAddress! + lastFolder.lowerBound, lastFolder.count) == 0 { return }
            lastFolder = rest..<end
            folders.insert(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[rest..<end]), as: UTF8.self))
        }
        var previous: [UInt8] = []
        // Skip the entries: a fixed 62-byte part (64 with extended flags), then the name.
        var offset = 12
        for _ in 0..<count {
            guard offset + 62 <= bytes.count else { return nil }
            let flags = Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])
            var nameStart = offset + 62
            if version >= 3, flags & 0x4000 != 0 { nameStart += 2 }
            if version == 4 {
                // A varint (bytes to drop from the previous name), then the rest of the name up to a NUL.
                var cursor = nameStart
                var drop = Int(bytes[cursor] & 0x7F)
                while cursor < bytes.count, bytes[cursor] & 0x80 != 0 {
                    cursor += 1
                    drop = ((drop + 1) << 7) | Int(bytes[cursor] & 0x7F)
                }
                cursor += 1
                guard cursor < bytes.count, let nul = memchr(bytes.baseAddress! + cursor, 0, bytes.count - cursor) else { return nil }
                let nameEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nul))
                if prefix != nil {
                    guard drop <= previous.count else { return nil }
                    previous = Array(previous.dropLast(drop)) + Array(bytes[cursor..<nameEnd])
                    if let prefix, previous.count > prefix.count, previous.starts(with: prefix),
                       let slash = previous[prefix.count...].firstIndex(of: 0x2F) {
                        folders.insert(String(decoding: previous[prefix.count..<slash], as: UTF8.self))
                    }
                }
                offset = nameEnd + 1
            } else {
                // The name's length is in the flags (0xFFF: at least that long); padded with 1 to 8 NULs
                // to a multiple of 8 bytes from the entry's start.
                var nameEnd = nameStart + (flags & 0xFFF)
                if flags & 0xFFF == 0xFFF {
                    guard nameEnd < bytes.count, let nul = memchr(bytes.baseAddress! + nameEnd, 0, bytes.count - nameEnd) else { return nil }
                    nameEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nul))
                }
                note(nameStart, nameEnd)
                offset += ((nameEnd - offset) + 8) & ~7
            }
        }
        // Extensions until the trailing 20-byte checksum.
        while offset + 8 <= bytes.count - 20 {
            let size = u32(offset + 4)
            let body = offset + 8
            guard body + size <= bytes.count else { return nil }
            if bytes[offset] == 0x54, bytes[offset + 1] == 0x52, bytes[offset + 2] == 0x45, bytes[offset + 3] == 0x45 {  // "TREE"
                var cursor = body
                guard let root = parseNode(bytes, &cursor, end: body + size) else { return nil }
                var cache = IndexTreeCache(root: root)
                cache.folders = folders
                return cache
            }
            offset = body + size
        }
        return nil
    }

    /// `<name>\0<entry count> <subtree count>\n[<20-byte id> when the count is not -1]`, then the subtrees.
    static func parseNode(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, end: Int) -> Node? {
        let nameStart = cursor
        while cursor < end, bytes[cursor] != 0 { cursor += 1 }
        guard cursor < end else { return nil }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
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
        var children: [Node] = []
        for _ in 0..<max(0, subtrees) {
            guard let child = parseNode(bytes, &cursor, end: end) else { return nil }
            children.append(child)
        }
        return Node(name: name, id: id, children: children)
    }
}

extension Repository {
    /// The index file git uses now: `GIT_INDEX_FILE` when set (a hook during `git commit -a`), else `<git dir>/index`.
    public var indexFilePath: String { indexOverride ?? gitDirectory + "index" }
}
