import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal, so cron
/// mails and pipes stay clean.
struct ProgressBar {
    let total: Int
    let enabled: Bool
    private var lastDraw = Date.distantPast

    init(total: Int) {
        self.total = total
        self.enabled = Console.stderrIsTerminal && total > 1
    }

    mutating func update(_ done: Int, label: String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.05 || done == total else { return }
        lastDraw = Date()
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let name = label.count > 40 ? "…" + label.suffix(39) : label
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(name)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
