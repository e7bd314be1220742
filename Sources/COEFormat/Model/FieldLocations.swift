/// Where each key of a YAML mapping, and its value, were written: one small array per mapping, searched by key.
///
/// Mappings in COE files hold a handful of keys, so a linear search beats building
/// dictionaries for every timeline entry, why and action item that is read.
public final class FieldTable: Sendable {
    let entries: [(key: String, keyPosition: SourcePosition, value: TextLocation)]

    init(_ entries: [(key: String, keyPosition: SourcePosition, value: TextLocation)]) { self.entries = entries }

    static let empty = FieldTable([])
}

/// Where each key was written.
public struct KeyPositions: Sendable, ExpressibleByDictionaryLiteral {
    let table: FieldTable

    init(_ table: FieldTable) { self.table = table }

    public init(dictionaryLiteral elements: (String, SourcePosition)...) {
        table = FieldTable(elements.map { ($0.0, $0.1, TextLocation(position: $0.1, columnsExact: false)) })
    }

    public subscript(key: String) -> SourcePosition? { table.entries.first { $0.key == key }?.keyPosition }
}

/// Where each key's value starts (what a finding about the value points at).
public struct ValueLocations: Sendable, ExpressibleByDictionaryLiteral {
    let table: FieldTable

    init(_ table: FieldTable) { self.table = table }

    public init(dictionaryLiteral elements: (String, TextLocation)...) {
        table = FieldTable(elements.map { ($0.0, $0.1.position, $0.1) })
    }

    public subscript(key: String) -> TextLocation? { table.entries.first { $0.key == key }?.value }
}
