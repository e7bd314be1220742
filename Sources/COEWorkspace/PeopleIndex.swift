import COEFormat
import Foundation
import GitKit

/// People's names from the repository's history (authors and committers), for rule B1.history.
///
/// Kept in `<git dir>/coe/people` (never in the work tree): the tip it was built
/// from, then one name per line. A later run walks only the commits added since
/// that tip. A cache that cannot be read, or whose tip is gone (history rewritten),
/// is rebuilt; names are only ever added, so a stale cache can only over-report.
public enum PeopleIndex {
    static let header = "coe-people-v1"

    /// The names in the history of HEAD (kept between runs) and, not kept, of `tips` that HEAD does not
    /// reach yet (a push being received, a pull request's head).
    public static func names(in repository: Repository, alsoFrom tips: [ObjectID] = []) throws -> [String] {
        let head = try repository.head()
        var extra = Set<String>()
        for tip in tips where tip != head { extra.formUnion(try repository.peopleNames(from: tip, hiding: head)) }
        guard let head else { return extra.sorted() }
        return try extra.isEmpty ? names(from: head, in: repository) : Set(names(from: head, in: repository)).union(extra).sorted()
    }

    static func names(from head: ObjectID, in repository: Repository) throws -> [String] {
        let folder = repository.gitDirectory + "coe"
        let file = folder + "/people"
        var cached = Set<String>()
        var cachedTip: ObjectID?
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= 2, lines[0] == header, let tip = ObjectID(hex: String(lines[1])) {
                cachedTip = tip
                cached = Set(lines.dropFirst(2).map(String.init).filter { !$0.isEmpty })
            }
        }
        if cachedTip == head { return cached.sorted() }
        let added = try repository.peopleNames(from: head, hiding: cachedTip)
        let all = cached.union(added)
        // A cache that cannot be written (a read-only repository) only costs the next run a walk.
        CacheFile.replace(file, with: Array((([header, head.hex] + all.sorted()).joined(separator: "\n") + "\n").utf8))
        return all.sorted()
    }
}
