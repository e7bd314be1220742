import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real headless Chromium (Debian's `chromium`, which `scripts/setup.sh --tests` installs), driven
/// through the DevTools protocol over a pipe (`--remote-debugging-pipe`: commands in on file descriptor
/// 3, answers and events out on 4, each message JSON ended by a NUL byte). Nothing else is needed: no
/// driver, no WebSocket library, no package from PyPI.
final class Browser: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile: String
    private var nextID = 0
    private var pending: [[String: Any]] = []
    private var buffer: [UInt8] = []
    /// Every event seen, oldest first (console messages, log entries, exceptions).
    private(set) var events: [[String: Any]] = []
    /// The page's session.
    private var session: String?

    static let executable = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    init(width: Int = 1200, height: Int = 900) throws {
        guard let executable = Self.executable else {
            throw Failure(description: "no chromium: run scripts/setup.sh --tests (it installs Debian's chromium)")
        }
        profile = NSTemporaryDirectory() + "coe-chromium-\(UUID().uuidString)"
        var toChrome: [Int32] = [0, 0], fromChrome: [Int32] = [0, 0]
        guard pipe(&toChrome) == 0, pipe(&fromChrome) == 0 else { throw Failure(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChrome[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromChrome[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                         "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
                         "--window-size=\(width),\(height)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, &argv, &envp)
        close(toChrome[0])
        close(fromChrome[1])
        guard status == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))") }
        pid = child
        commands = toChrome[1]
        answers = fromChrome[0]
        let target = try call("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target: \(target)") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        session = attached["sessionId"] as? String
        for domain in ["Page", "Runtime", "Log"] { _ = try call("\(domain).enable") }
        _ = try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(commands)
        close(answers)
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Sends a command (to the page's session when there is one) and waits for its answer.
    @discardableResult
    func call(_ method: String, _ parameters: [String: Any] = [:], timeout: TimeInterval = 30) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "chromium stopped reading (\(method))") }
            written += count
        }
        let id = nextID
        let answer = try wait(timeout: timeout, method) { $0["id"] as? Int == id }
        if let error = answer["error"] { throw Failure(description: "\(method): \(error)") }
        return answer["result"] as? [String: Any] ?? [:]
    }

    /// Waits for the first message (answer or event) that `matches`, keeping every event.
    func wait(timeout: TimeInterval = 30, _ what: String, for matches: ([String: Any]) -> Bool) throws -> [String: Any] {
        if let index = pending.firstIndex(where: matches) { return pending.remove(at: index) }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(answers, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "chromium closed the pipe while waiting for \(what)") }
            buffer += chunk[0..<count]
            while let end = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                guard let message = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
                if message["method"] != nil { events.append(message) }
                if matches(message) { return message }
                if message["id"] != nil || message["method"] as? String == "Page.loadEventFired" { pending.append(message) }
            }
        }
        throw Failure(description: "no \(what) within \(Int(timeout)) s")
    }

    /// Opens `url` and waits until it has loaded (a load event of an earlier page may still be on its way:
    /// the page's own address and state decide).
    func open(_ url: String) throws {
        try call("Page.navigate", ["url": url])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            pending.removeAll { $0["method"] as? String == "Page.loadEventFired" }
            if try evaluate("location.href") as? String == url, try evaluate("document.readyState") as? String == "complete" { return }
            _ = try? wait(timeout: 0.5, "the load of \(url)") { $0["method"] as? String == "Page.loadEventFired" }
        }
        let state = "\(try evaluate("location.href") ?? "?") \(try evaluate("document.readyState") ?? "?")"
        throw Failure(description: "\(url) did not load within 30 s: \(state)")
    }

    /// The value of a JavaScript expression in the page.
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Types text into the focused element, as a person would (each character a key press).
    func type(_ text: String) throws {
        for character in text {
            try call("Input.dispatchKeyEvent", ["type": "keyDown", "text": String(character), "key": String(character)])
            try call("Input.dispatchKeyEvent", ["type": "keyUp", "key": String(character)])
        }
    }

    /// A PNG of what the window shows, written to `path`.
    func screenshot(to path: String) throws {
        let result = try call("Page.captureScreenshot", ["format": "png"])
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else { throw Failure(description: "no screenshot") }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The console errors, uncaught exceptions and browser log errors (blocked requests, CSP violations) seen so far.
    var errors: [String] {
        events.compactMap { event -> String? in
            let parameters = event["params"] as? [String: Any] ?? [:]
            switch event["method"] as? String {
            case "Runtime.consoleAPICalled" where parameters["type"] as? String == "error":
                return "console.error: \(parameters["args"] ?? "")"
            case "Runtime.exceptionThrown":
                return "exception: \(parameters["exceptionDetails"] ?? "")"
            case "Log.entryAdded":
                let entry = parameters["entry"] as? [String: Any] ?? [:]
                return entry["level"] as? String == "error" ? "log: \(entry["text"] ?? "") \(entry["url"] ?? "")" : nil
            default: return nil
            }
        }
    }

    /// Every request the page made (Network events are not enabled: read from the performance entries).
    func requestedURLs() throws -> [String] {
        try evaluate("performance.getEntriesByType('resource').map(e => e.name)") as? [String] ?? []
    }
}
