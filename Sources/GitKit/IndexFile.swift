import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An index file opened on its own, apart from the repository's index: a copy in which the next index
/// is built, to be put in place with one rename, as git does. Nothing is written until `write()`.
///
/// Entries set here carry no file-system data (times, inode), so git compares the file's content the
/// next time it looks and then records its times itself: an entry is never wrongly taken as unchanged.
public final class IndexFile {
    let pointer: OpaquePointer
    /// The file this index is read from and written to.
    public let path: String

    /// Opens the index at `path`; a file that does not exist is an empty index.
    public init(path: String) throws {
        GitSettings.ensureInitialised()
        var index: OpaquePointer?
        try check(git_index_open(&index, path), "open the index copy \(path)")
        pointer = index!
        self.path = path
    }

    deinit { git_index_free(pointer) }

    /// The staged entry (stage 0) at `path`, nil when none.
    public func entry(_ path: String) -> IndexEntry? {
        guard let entry = git_index_get_bypath(pointer, path, 0) else { return nil }
        return IndexEntry(path: path, id: ObjectID(entry.pointee.id), mode: entry.pointee.mode)
    }

    /// True when `path` is in conflict (stages 1–3): not staged content, and not to be touched.
    public func isConflicted(_ path: String) -> Bool {
        (1...3).contains { git_index_get_bypath(pointer, path, Int32($0)) != nil }
    }

    /// Stages `id` at `path` (replacing what was staged there).
    public func set(_ path: String, id: ObjectID, mode: UInt32 = 0o100644, size: Int) throws {
        var entry = git_index_entry()
        entry.mode = mode
        entry.id = id.raw
        // The size is kept for git's quick check; with no times recorded, git still reads the file.
        entry.file_size = UInt32(truncatingIfNeeded: size)
        try path.withCString { name in
            entry.path = name
            try check(git_index_add(pointer, &entry), "stage \(path)")
        }
    }

    /// Unstages `path` (stage 0); nothing when it is not staged.
    public func remove(_ path: String) throws {
        guard git_index_get_bypath(pointer, path, 0) != nil else { return }
        try check(git_index_remove(pointer, path, 0), "unstage \(path)")
    }

    /// Writes the index to `path` (through `<path>.lock` and a rename: the file is whole or as it was).
    public func write() throws {
        try check(git_index_write(pointer), "write the index copy \(path)")
    }
}

extension Repository {
    /// The loose file of reference `name` (`refs/heads/main`): in the folder all work trees share,
    /// except for a work tree's own references (HEAD and the like).
    public func referenceFile(_ name: String) -> String {
        (name.hasPrefix("refs/") ? commonDirectory : gitDirectory) + name
    }

    /// The commit reference `name` points to now (loose or packed), nil when it does not exist.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "read \(name)")
        return ObjectID(oid)
    }

    /// Appends the move of branch `name` from `old` to `new` to its reflog, and to HEAD's when HEAD
    /// points to it, in git's format, as `git commit` records it (`core.logAllRefUpdates` decides
    /// whether a missing log is created). Appending needs no lock: git appends the same way.
    public func appendReflogs(branch name: String, old: ObjectID, new: ObjectID, committer: Signature, message: String) throws {
        let setting = try configString("core.logAllRefUpdates")?.lowercased()
        let create: Bool
        switch setting {
        case nil: create = !isBare
        case "always": create = true
        case "false", "no", "off", "0": create = false
        default: create = true
        }
        let sign = committer.offsetMinutes < 0 ? "-" : "+"
        let minutes = abs(Int(committer.offsetMinutes))
        let zone = sign + twoDigits(minutes / 60) + twoDigits(minutes % 60)
        let clean = { (text: String) in String(text.map { $0 == "\n" || $0 == "<" || $0 == ">" ? " " : $0 }) }
        let line = "\(old.hex) \(new.hex) \(clean(committer.name)) <\(clean(committer.email))> \(committer.time) \(zone)\t"
            + message.map { $0 == "\n" || $0 == "\t" ? " " : $0 } + "\n"
        var logs = [commonDirectory + "logs/" + name]
        if try headBranch() == name { logs.append(gitDirectory + "logs/HEAD") }
        for log in logs {
            var status = stat()
            guard create || stat(log, &status) == 0 else { continue }
            try appendLine(line, to: log)
        }
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Appends `line` to `file` (and its folders when missing).
private func appendLine(_ line: String, to file: String) throws {
    makeFolders(String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]))
    let descriptor = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
        throw GitError(operation: "append to \(file)", message: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let bytes = Array(line.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else {
        throw GitError(operation: "append to \(file)", message: String(cString: strerror(errno)))
    }
}

/// Creates `folder` and its parents as needed.
private func makeFolders(_ folder: String) {
    var missing: [String] = []
    var current = folder
    var status = stat()
    while !current.isEmpty, stat(current, &status) != 0 {
        missing.append(current)
        guard let slash = current.lastIndex(of: "/") else { break }
        current = String(current[..<slash])
    }
    for path in missing.reversed() { _ = mkdir(path, 0o777) }
}
