import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A git repository opened through libgit2. It owns its `git_repository*`.
///
/// Not `Sendable`: libgit2 objects are used by one thread at a time. To work in
/// parallel, open one `Repository` per task.
public final class Repository {
    let pointer: OpaquePointer
    /// `GIT_INDEX_FILE`, when a hook runs with a temporary index.
    var indexOverride: String?
    /// The object database, once opened (for raw reads).
    var odb: OpaquePointer?

    private init(pointer: OpaquePointer) { self.pointer = pointer }

    deinit {
        if let odb { git_odb_free(odb) }
        git_repository_free(pointer)
    }

    /// Opens the repository that contains `path`, walking up as git does.
    ///
    /// Honours `GIT_DIR` when set (hooks run with it) and otherwise searches
    /// from `path` upwards, across file-system boundaries like git.
    public static func discover(from path: String) throws -> Repository {
        GitSettings.ensureInitialised()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let rc = git_repository_discover(&buffer, path, 1, nil)
        if rc == GIT_ENOTFOUND.rawValue {
            throw GitError(operation: "open repository", message: "not a git repository (or any parent up to /): \(path)")
        }
        try check(rc, "find the repository containing \(path)")
        let repository = try open(at: String(cString: buffer.ptr))
        try repository.applyHookEnvironment()
        return repository
    }

    /// The index to read: the one `GIT_INDEX_FILE` names, else the repository's, as the file is now
    /// (`force`: read again even when its time stamp says it did not change). The caller frees it.
    func openIndex(force: Bool = false) throws -> OpaquePointer {
        var index: OpaquePointer?
        if let indexOverride {
            try check(git_index_open(&index, indexOverride), "open the index \(indexOverride)")
        } else {
            try check(git_repository_index(&index, pointer), "read the index")
            // The repository keeps its index object: read it again if another process changed the file.
            try check(git_index_read(index, force ? 1 : 0), "read the index")
        }
        return index!
    }

    /// What git tells a hook through the environment, applied as git would:
    /// - `GIT_INDEX_FILE`: `git commit -a` and `git commit <paths>` stage into a temporary index and
    ///   run `pre-commit` with it; the staged content is there, not in `.git/index`;
    /// - `GIT_OBJECT_DIRECTORY` and `GIT_ALTERNATE_OBJECT_DIRECTORIES`: during `pre-receive` the
    ///   pushed objects wait in a quarantine folder named by these.
    func applyHookEnvironment() throws {
        func variable(_ name: String) -> String? {
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
        func absolute(_ path: String) -> String {
            if path.hasPrefix("/") { return path }
            var buffer = [CChar](repeating: 0, count: 4097)
            guard getcwd(&buffer, buffer.count) != nil else { return path }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
        }
        // Opened when needed (`openIndex`): most hook runs never read the index through libgit2.
        if let file = variable("GIT_INDEX_FILE") { indexOverride = absolute(file) }
        var folders: [String] = []
        if let objects = variable("GIT_OBJECT_DIRECTORY") { folders.append(objects) }
        if let alternates = variable("GIT_ALTERNATE_OBJECT_DIRECTORIES") { folders += alternates.split(separator: ":").map(String.init) }
        guard !folders.isEmpty else { return }
        let database = try objectDatabase()
        for folder in folders {
            try check(git_odb_add_disk_alternate(database, absolute(folder)), "read objects from \(folder)")
        }
    }

    /// Another handle on the repository at `gitDirectory`, for another thread, with the object folders
    /// a hook's environment adds (as `discover` opens it): libgit2 objects and caches belong to one
    /// handle, and two threads sharing one wait on its locks.
    public static func openForAnotherThread(_ gitDirectory: String) throws -> Repository {
        let repository = try Repository.open(at: gitDirectory)
        try repository.applyHookEnvironment()
        return repository
    }

    /// Opens the repository at exactly `path` (a work tree, a `.git` folder or a bare repository).
    public static func open(at path: String) throws -> Repository {
        GitSettings.ensureInitialised()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil), "open repository at \(path)")
        return Repository(pointer: repo!)
    }

    /// Creates a repository (like `git init`), with `main` as the initial branch.
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws -> Repository {
        GitSettings.ensureInitialised()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "init options")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var repo: OpaquePointer?
        try initialBranch.withCString { branch in
            options.initial_head = branch
            try check(git_repository_init_ext(&repo, path, &options), "create repository at \(path)")
        }
        return Repository(pointer: repo!)
    }

    /// The work tree folder, with a trailing slash; nil for a bare repository.
    public var workdir: String? { git_repository_workdir(pointer).map { String(cString: $0) } }

    /// The git directory (`.git/` or the bare repository), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The folder shared by all work trees of the repository (`.git/` for a linked work tree made with
    /// `git worktree add`, which has a git directory of its own), with a trailing slash.
    public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// True for a shallow clone: its history is incomplete.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// True when the object database holds a commit with this id.
    public func isCommit(_ id: ObjectID) -> Bool {
        guard let odb = try? objectDatabase() else { return false }
        var size = 0
        var type = GIT_OBJECT_INVALID
        var oid = id.raw
        return git_odb_read_header(&size, &type, odb, &oid) == 0 && type == GIT_OBJECT_COMMIT
    }

    /// What kind of object `id` is (from its header, nothing inflated); nil when the database lacks it.
    public func objectKind(_ id: ObjectID) -> ObjectKind? {
        guard let odb = try? objectDatabase() else { return nil }
        var size = 0
        var type = GIT_OBJECT_INVALID
        var oid = id.raw
        guard git_odb_read_header(&size, &type, odb, &oid) == 0 else { return nil }
        switch type {
        case GIT_OBJECT_COMMIT: return .commit
        case GIT_OBJECT_TREE: return .tree
        case GIT_OBJECT_BLOB: return .blob
        case GIT_OBJECT_TAG: return .tag
        default: return nil
        }
    }

    /// An annotated tag's target and message.
    public func tag(_ id: ObjectID) throws -> (target: ObjectID, message: String) {
        var oid = id.raw
        var tag: OpaquePointer?
        try check(git_tag_lookup(&tag, pointer, &oid), "read tag \(id.abbreviated())")
        defer { git_tag_free(tag) }
        return (ObjectID(git_tag_target_id(tag)), git_tag_message(tag).map { String(cString: $0) } ?? "")
    }

    /// The commit HEAD points to; nil on an unborn branch (a repository with no commits yet).
    public func head() throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, pointer, "HEAD")
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "resolve HEAD")
        return ObjectID(oid)
    }

    /// The full name of the branch HEAD points to (`refs/heads/main`), even when unborn; nil when detached.
    public func headBranch() throws -> String? {
        var ref: OpaquePointer?
        try check(git_reference_lookup(&ref, pointer, "HEAD"), "read HEAD")
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC else { return nil }
        return String(cString: git_reference_symbolic_target(ref))
    }

    /// Resolves a revision (`HEAD~2`, a branch, a tag, an id prefix) to the commit it names.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, revision), "resolve revision '\(revision)'")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "'\(revision)' is not a commit")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// What a hexadecimal object id or prefix names, looked up as an object id only (never as a
    /// branch or tag that happens to have such a name).
    public enum PrefixLookup: Sendable, Equatable {
        case commit(ObjectID)
        /// An object of another kind (a tree, a blob, a tag).
        case notACommit
        case ambiguous
        case missing
    }

    /// Looks up `hex` (4 to 40 hexadecimal digits) as an object id prefix; an annotated tag's id is peeled to its commit.
    public func lookupObject(prefix hex: String) -> PrefixLookup {
        guard (4...40).contains(hex.utf8.count), hex.allSatisfy(\.isHexDigit) else { return .missing }
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, hex, hex.utf8.count) == 0 else { return .missing }
        var object: OpaquePointer?
        let rc = git_object_lookup_prefix(&object, pointer, &oid, hex.utf8.count, GIT_OBJECT_ANY)
        if rc == GIT_EAMBIGUOUS.rawValue { return .ambiguous }
        guard rc == 0 else { return .missing }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else { return .notACommit }
        defer { git_object_free(commit) }
        return .commit(ObjectID(git_object_id(commit)))
    }

    /// A configuration value as git resolves it (repository, global and system files); nil when unset.
    public func configString(_ key: String) throws -> String? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), "read configuration")
        defer { git_config_free(config) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let rc = git_config_get_string_buf(&buffer, config, key)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "read configuration key \(key)")
        return String(cString: buffer.ptr)
    }

    /// A boolean configuration value (`true`, `yes`, `on`, `1` …); nil when unset.
    public func configBool(_ key: String) throws -> Bool? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), "read configuration")
        defer { git_config_free(config) }
        var value: Int32 = 0
        let rc = git_config_get_bool(&value, config, key)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "read configuration key \(key)")
        return value != 0
    }

    /// Sets a configuration value in the repository's own config file.
    public func setConfig(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), "open configuration")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "open local configuration")
        defer { git_config_free(local) }
        try check(git_config_set_string(local, key, value), "set configuration key \(key)")
    }
}

/// The kinds of object a git database holds.
public enum ObjectKind: Sendable, Equatable {
    case commit, tree, blob, tag
}
