import Foundation

/// Finds the repository's own metadata folders (`stations/`, `grids/`): `$BLUEWATCH_HOME`
/// if set, otherwise the nearest directory above the working directory, then above the
/// executable, that holds `stations/registry.toml`.
public enum ResourceLocator {
    public static func home(executablePath: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BLUEWATCH_HOME"], !env.isEmpty { return env }
        let starts = [fm.currentDirectoryPath, URL(fileURLWithPath: executablePath).deletingLastPathComponent().path]
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                if fm.fileExists(atPath: url.appendingPathComponent("stations/registry.toml").path) { return url.path }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
        }
        return nil
    }
}
