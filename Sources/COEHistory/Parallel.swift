import Foundation
import GitKit

/// Work on every core, for the history's long jobs (comparing fifty thousand trees, parsing a hundred
/// versions of a COE).
enum Parallel {
    /// `transform` applied to every item, in order. A long list is cut into one contiguous part per core
    /// (at most four), each done on its own thread with its own repository handle and `context` (libgit2's
    /// caches and locks belong to a handle: two threads sharing one mostly wait); a short one is done
    /// here, on `repository`.
    static func map<Item: Sendable, Context, Value: Sendable>(
        _ items: [Item], in repository: Repository, itemsPerThread: Int,
        context: @escaping @Sendable (Repository) throws -> Context,
        _ transform: @escaping @Sendable (Item, Context) throws -> Value
    ) throws -> [Value] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, 4, items.count / max(itemsPerThread, 1) + 1)
        if parts <= 1 {
            let shared = try context(repository)
            return try items.map { try transform($0, shared) }
        }
        let gitDirectory = repository.gitDirectory
        let results = PartResults<[Value]>(count: parts)
        let size = (items.count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.set(part, Result {
                let own = try context(try Repository.openForAnotherThread(gitDirectory))
                return try items[min(part * size, items.count)..<min((part + 1) * size, items.count)].map { try transform($0, own) }
            })
        }
        return try results.values().flatMap { $0 }
    }
}

/// One result per part of a parallel job, each written once by its own thread.
final class PartResults<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { slots[index] = result }
    }

    /// The values in order, or the first failed part's error.
    func values() throws -> [Value] {
        try lock.withLock { slots }.map { try $0!.get() }
    }
}
