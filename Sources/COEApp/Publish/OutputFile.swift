import COEWorkspace
import Foundation

/// Files `coe` writes where the user asked (`coe graph`, `coe render -o`, `coe site`): whole or not at
/// all (written beside, then renamed over), their folders made. A failure is an I/O error naming the path.
public enum OutputFile {
    public static func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    public static func write(_ path: String, _ bytes: [UInt8]) throws {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WorkspaceError("cannot write \(path): \(reason(error))")
        }
    }

    /// The system's own words for a file error, without Foundation's wrapping.
    static func reason(_ error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return error.localizedDescription
    }
}
