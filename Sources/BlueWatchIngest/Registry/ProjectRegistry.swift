/// The cooperation projects (`stations/projects.toml`), each tied to its source document.
public struct ProjectRegistry: Sendable {
    public struct Project: Sendable, Decodable, Equatable {
        public var id: String
        public var titleEN: String
        public var titleZH: String
        public var source: String
        public var item: String
        public var partners: [String]
        public var regions: [String]
        public var monitors: String

        enum CodingKeys: String, CodingKey {
            case id, source, item, partners, regions, monitors
            case titleEN = "title_en"
            case titleZH = "title_zh"
        }
    }

    public let projects: [Project]

    public init(contentsOf path: String) throws(RegistryError) {
        struct File: Decodable { var project: [Project] }
        let file: File = try decodeTOML(path)
        var seen = Set<String>()
        for p in file.project where !seen.insert(p.id).inserted {
            throw RegistryError(file: path, reason: "project id '\(p.id)' appears twice")
        }
        projects = file.project
    }

    public func project(id: String) -> Project? { projects.first { $0.id == id } }
}
