import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by libgit2, with the text of `git_error_last()` read right after the call.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// libgit2's return code (`GIT_ENOTFOUND` is -3, and so on).
    public let code: Int32
    /// libgit2's error class (`GIT_ERROR_OS`, `GIT_ERROR_REPOSITORY`, …), 0 when none.
    public let errorClass: Int32
    /// The message libgit2 gave.
    public let message: String
    /// What was being done, in this tool's words.
    public let operation: String

    public var description: String { "\(operation): \(message)" }

    /// True when the object, reference or path asked for does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// True when an object is not in the object database (a partial clone, or a damaged repository).
    public var isMissingObject: Bool { code == GIT_ENOTFOUND.rawValue && errorClass == Int32(GIT_ERROR_ODB.rawValue) }
    /// True when a reference moved under us (a concurrent commit).
    public var isModified: Bool { code == GIT_EMODIFIED.rawValue }

    init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            message = last.pointee.message.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) } ?? "unknown libgit2 error"
        } else {
            errorClass = 0
            message = "libgit2 error \(code)"
        }
    }

    /// An error raised by this wrapper itself (not by a libgit2 call).
    public init(operation: String, message: String) {
        self.code = GIT_ERROR.rawValue
        self.errorClass = 0
        self.message = message
        self.operation = operation
    }
}

/// Throws a `GitError` for a negative libgit2 return code; reads the error text at once,
/// as libgit2 keeps it in thread-local storage.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if code < 0 { throw GitError(code: code, operation: operation()) }
    return code
}
