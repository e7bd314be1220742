import Foundation

/// One value per index, each set at most once from its own thread (`DispatchQueue.concurrentPerform`): the one
/// way every parallel read, lint and render of `coe` collects its results.
public final class ParallelSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    public func value(_ index: Int) -> Value? { lock.withLock { slots[index] } }

    /// Every slot in index order, nil where none was set.
    public var all: [Value?] { lock.withLock { slots } }

    /// Every value, in index order (every slot must have been set).
    public var values: [Value] { all.map { $0! } }

    /// `transform` of each index below `count`, worked out on every core (`DispatchQueue.concurrentPerform`), in
    /// index order.
    public static func map(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let slots = ParallelSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, transform(index)) }
        return slots.values
    }
}
