// Fuzz target: coe.yaml (metadata). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "coe.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try MetadataFile.parse(source)
        roundTrip(value, file: file, serialize: { MetadataFile.serialize($0) }, parse: { try MetadataFile.parse($0) }, same: { MetadataFile.serialize($0) == MetadataFile.serialize($1) })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
