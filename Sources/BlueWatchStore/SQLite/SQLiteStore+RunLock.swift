import Foundation

extension SQLiteStore {
    /// An exclusive `flock(2)` on `<database>.<kind>.lock`, released by the kernel when the
    /// process ends, however it ends. The path is the database file itself with every symbolic
    /// link resolved (`realpath(3)`), so a link or another spelling of the same store takes the
    /// same lock. A store in memory belongs to one process and needs none.
    public func runLock(kind: String, wait: Bool) throws -> RunLock? {
        guard let path else { return RunLock(release: {}) }
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        let lockPath = resolved + "." + kind + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.unavailable("cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            close(fd)
            return nil
        }
        return RunLock { flock(fd, LOCK_UN); close(fd) }
    }
}
