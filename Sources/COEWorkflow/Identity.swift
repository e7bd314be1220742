import COEFormat
import Foundation
import GitKit

/// Who is making a workflow commit, and when: read as `git commit` reads it.
///
/// Author: `GIT_AUTHOR_NAME`, else `author.name`, else `user.name`; `GIT_AUTHOR_EMAIL`, else
/// `author.email`, else `user.email`, else `EMAIL`; `GIT_AUTHOR_DATE`, else now. The committer the
/// same way with `GIT_COMMITTER_*` and `committer.*`. Dates are accepted in the forms git accepts
/// most often: ISO 8601 (`2026-11-22T16:15:00Z`, `2026-11-22 16:15:00 +0100`), git's own
/// (`@1795364100 +0000` or `1795364100 +0000`) and RFC 2822 (`Sun, 22 Nov 2026 16:15:00 +0000`).
public struct Identity: Sendable {
    public let author: Signature
    public let committer: Signature

    public init(author: Signature, committer: Signature) {
        self.author = author
        self.committer = committer
    }

    public static func current(in repository: Repository, environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date()) throws -> Identity {
        func person(_ role: String) throws -> Signature {
            let upper = role.uppercased()
            let name = try environment["GIT_\(upper)_NAME"] ?? repository.configString("\(role).name") ?? repository.configString("user.name")
            let email = try environment["GIT_\(upper)_EMAIL"] ?? repository.configString("\(role).email")
                ?? repository.configString("user.email") ?? environment["EMAIL"]
            guard let name, !name.isEmpty, let email, !email.isEmpty else {
                throw WorkflowError.usage("""
                    who you are is not known: set it as for git commit,
                      git config user.name "Your Name"
                      git config user.email you@example.com
                    """)
            }
            var time = Int64(now.timeIntervalSince1970)
            var offset: Int32 = 0
            if let text = environment["GIT_\(upper)_DATE"], !text.isEmpty {
                guard let parsed = parseGitDate(text) else {
                    throw WorkflowError.usage("GIT_\(upper)_DATE '\(text)' is not a date git accepts (e.g. 2026-11-22T16:15:00Z or @1795364100 +0000)")
                }
                (time, offset) = parsed
            }
            return Signature(name: name, email: email, time: time, offsetMinutes: offset)
        }
        return Identity(author: try person("author"), committer: try person("committer"))
    }

    /// Seconds since the epoch and the offset in minutes, or nil.
    public static func parseGitDate(_ raw: String) -> (Int64, Int32)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        func zone(_ value: Substring) -> Int32? {
            let bytes = Array(value.utf8)
            guard bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
                  let hours = Int32(String(value.dropFirst().prefix(2))), let minutes = Int32(String(value.suffix(2))) else { return nil }
            return (bytes[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
        }
        // git's own form: "@1795364100 +0000" or "1795364100 +0000".
        let words = text.split(separator: " ")
        if let first = words.first, let seconds = Int64(first.hasPrefix("@") ? first.dropFirst() : first),
           (words.count == 1 && first.hasPrefix("@")) || (words.count == 2 && zone(words[1]) != nil) {
            return (seconds, words.count == 2 ? zone(words[1])! : 0)
        }
        // ISO 8601, with a numeric zone written with or without a colon, joined or apart.
        var iso = text
        if words.count == 3, zone(words[2]) != nil {
            iso = "\(words[0]) \(words[1])\(words[2].prefix(3)):\(words[2].suffix(2))"
        } else if words.count == 1, zone(Substring(text.suffix(5))) != nil {
            iso = "\(text.dropLast(2)):\(text.suffix(2))"
        }
        if let stamp = Timestamp(iso) { return (stamp.seconds, Int32(stamp.offsetMinutes)) }
        // RFC 2822: "Sun, 22 Nov 2026 16:15:00 +0000".
        var parts = words.map(String.init)
        if let first = parts.first, first.hasSuffix(",") { parts.removeFirst() }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard parts.count == 5, let day = Int(parts[0]), let month = months.firstIndex(of: parts[1].lowercased().prefix(3).description),
              let year = Int(parts[2]), let offset = zone(Substring(parts[4])) else { return nil }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, let date = CalendarDate(year: year, month: month + 1, day: day) else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0))
        return (local - Int64(offset) * 60, offset)
    }
}
