// Shared by every fuzz target (compiled into each): the input as checked text, and the oracles.
import COEFormat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fuzzer's input as checked text, or nil when `SourceText` refuses it (invalid UTF-8, NUL, BOM,
/// conflict markers): that refusal is itself exercised on every input.
func text(_ data: UnsafeRawPointer, _ count: Int, file: String) -> SourceText? {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
    return try? SourceText.decode(bytes, file: file)
}

/// Stops the run with a message libFuzzer reports as a crash (and keeps the input that caused it).
func broken(_ message: String) -> Never {
    let line = Array("fuzz oracle: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Every diagnostic a parser gives must say something, and point at a real line and column.
func checkDiagnostics(_ error: Error, file: String) {
    guard let error = error as? FormatError else { broken("\(file): not a FormatError: \(error)") }
    if error.diagnostics.isEmpty { broken("\(file): a FormatError without diagnostics") }
    for diagnostic in error.diagnostics {
        if diagnostic.message.isEmpty { broken("\(file): an empty message") }
        if let position = diagnostic.position, position.line < 1 || position.column < 1 { broken("\(file): position \(position)") }
        if diagnostic.message.unicodeScalars.contains(where: { $0.value == 0 }) { broken("\(file): NUL in a message") }
    }
}

/// Parse → serialise → parse: the second parse must succeed and give the same value (or the same text).
func roundTrip<T>(_ value: T, file: String, serialize: (T) -> String, parse: (SourceText) throws -> T, same: (T, T) -> Bool) {
    let written = serialize(value)
    do {
        let again = try parse(SourceText(file: file, text: written))
        if !same(value, again) { broken("\(file): round trip changed the value; written:\n\(written)") }
        if serialize(again) != written { broken("\(file): serialising twice differs; written:\n\(written)") }
    } catch {
        broken("\(file): what was written does not parse: \(error)\nwritten:\n\(written)")
    }
}
