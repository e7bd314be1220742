// Fuzz target: the `status:` line of coe.yaml, read and replaced without YAML by history, audits and the
// hooks on every version of a COE (the commit trailers are only written, never parsed). Built and run by
// scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
    _ = StatusLine.status(in: bytes)
    _ = StatusLine.removed(from: bytes)
    for status in COEStatus.allCases {
        guard let replaced = StatusLine.replacing(status, in: bytes) else { continue }
        if StatusLine.status(in: replaced) != status { broken("replacing the status with \(status) reads back \(String(describing: StatusLine.status(in: replaced)))") }
        if StatusLine.removed(from: replaced) != StatusLine.removed(from: StatusLine.replacing(.draft, in: bytes)!) {
            broken("a status move changed more than the status line")
        }
    }
    return 0
}
