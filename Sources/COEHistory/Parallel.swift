import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// Work on every core, for the history's long jobs (comparing fifty thousand trees, parsing a hundred
/// versions of a COE).
enum Parallel {
    /// How many threads a job of `count` items is worth, `itemsPerThread` at least each: one per core, at most four.
    static func parts(for count: Int, itemsPerThread: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, count / max(itemsPerThread, 1) + 1))
    }

    /// `body(part, repository)` for each of `parts` parts, the results in part order. With more than
    /// one part each runs on its own thread with its own repository handle (libgit2's caches and locks
    /// belong to a handle: two threads sharing one mostly wait); a single part runs here, on `repository`.
    static func run<Value: Sendable>(parts: Int, in repository: Repository,
                                     _ body: @escaping @Sendable (Int, Repository) throws -> Value) throws -> [Value] {
        if parts <= 1 { return [try body(0, repository)] }
        let gitDirectory = repository.gitDirectory
        let results = ParallelSlots<Result<Value, any Error>>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.set(part, Result { try body(part, try Repository.openForAnotherThread(gitDirectory)) })
        }
        // The values in part order, or the first failed part's error.
        return try results.values.map { try $0.get() }
    }

    /// `transform` applied to every item, in order: a long list is cut into one contiguous part per
    /// core (`run`), each with its own `context` made from its repository handle.
    static func map<Item: Sendable, Context, Value: Sendable>(
        _ items: [Item], in repository: Repository, itemsPerThread: Int,
        context: @escaping @Sendable (Repository) throws -> Context,
        _ transform: @escaping @Sendable (Item, Context) throws -> Value
    ) throws -> [Value] {
        let parts = parts(for: items.count, itemsPerThread: itemsPerThread)
        let size = (items.count + parts - 1) / parts
        return try run(parts: parts, in: repository) { part, repository in
            let own = try context(repository)
            return try items[min(part * size, items.count)..<min((part + 1) * size, items.count)].map { try transform($0, own) }
        }.flatMap { $0 }
    }
}
