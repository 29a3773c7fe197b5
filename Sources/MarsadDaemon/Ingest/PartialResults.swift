import Synchronization

/// Results written by concurrent iterations and read by a waiter that may stop waiting
/// before all are in: a slot not yet written reads as nil.
final class PartialResults<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>
    init(count: Int) { slots = Mutex([Value?](repeating: nil, count: count)) }
    func set(_ index: Int, _ value: Value) { slots.withLock { $0[index] = value } }
    func values() -> [Value?] { slots.withLock { $0 } }
}
