/// How much `coe` reads before it refuses: bounds that keep lint and the git hooks fast and small on
/// hostile or runaway input (docs/format.md#limits, docs/robustness.md).
///
/// Each limit is checked before the work it bounds: a file's size before it is read (from `stat` or
/// the git object's header), a COE's total as its files are read, YAML depth and node count while the
/// document is composed from libyaml's events. Every refusal is an error naming the file and the limit.
public struct ReadLimits: Sendable, Equatable {
    /// The largest file read, in bytes (a COE part, a graph, an action item, a review record, `.coe.yaml`).
    public var fileBytes: Int
    /// The most bytes read for one COE, all its files together (binary attachments are never read).
    public var coeBytes: Int
    /// The most files and folders one COE may hold (each is listed, and most are read).
    public var coeEntries: Int
    /// The deepest nesting of YAML lists and mappings in one file (the top level is 1).
    public var yamlDepth: Int
    /// The most YAML nodes in one file, counting every node an alias repeats.
    public var yamlNodes: Int

    public init(fileBytes: Int = 1 << 20, coeBytes: Int = 8 << 20, coeEntries: Int = 2_000, yamlDepth: Int = 200,
                yamlNodes: Int = 100_000) {
        self.fileBytes = fileBytes
        self.coeBytes = coeBytes
        self.coeEntries = coeEntries
        self.yamlDepth = yamlDepth
        self.yamlNodes = yamlNodes
    }

    /// The defaults: 1 MiB per file, 8 MiB and 2,000 entries per COE, 200 levels and 100,000 nodes of YAML.
    ///
    /// The example COE's largest file is 6 KB and its deepest YAML 13 levels; a five-whys tree at its
    /// own limit (64 whys deep) needs 130 levels. libyaml's scanner does work proportional to the flow
    /// nesting (`[` and `{`) for every token, so depth times size bounds its time: at 200 levels a
    /// 1 MiB file parses in well under a second (docs/robustness.md has the measurements).
    public static let `default` = ReadLimits()

    /// The most `.coe.yaml` may raise each limit to: beyond these, a crafted file could again take
    /// minutes or gigabytes, or nest deep enough to exhaust a thread's stack.
    public static let ceiling = ReadLimits(fileBytes: 64 << 20, coeBytes: 512 << 20, coeEntries: 100_000, yamlDepth: 1_000,
                                           yamlNodes: 10_000_000)

    /// Where a limit is set, for messages that say how to raise it: `limits.max_yaml_depth in .coe.yaml`.
    static func setting(_ key: String) -> String { "limits.\(key) in \(Configuration.fileName)" }

    /// A byte count for messages: `1 MiB` or `512 KiB` when it is a whole number of them, else `1048577 bytes`.
    public static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// A file larger than a limit allows, found before it was read.
public struct FileTooLarge: Error, Sendable, Equatable {
    /// The path, relative to the repository root.
    public var path: String
    /// The file's size in bytes, when the source knows it (a work-tree file read with a cap may not say).
    public var size: Int?
    /// The limit it is over, in bytes.
    public var limit: Int

    public init(path: String, size: Int?, limit: Int) {
        self.path = path
        self.size = size
        self.limit = limit
    }
}
