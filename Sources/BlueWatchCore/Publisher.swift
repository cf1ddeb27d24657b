/// Who BlueWatch says created and published the files it writes (ACDD creator_* and
/// publisher_* attributes), in one place for every writer.
public enum Publisher {
    public static let name = "BlueWatch"
    public static let type = "institution"
    public static let url = "https://github.com/bluewatch"
    public static let email = "bluewatch@users.noreply.github.com"
    public static let standardNameVocabulary = "CF Standard Name Table v79"

    /// The ACDD creator and publisher attributes, as (name, text) pairs.
    public static let acddAttributes: [(String, String)] = [
        ("creator_name", name), ("creator_type", type), ("creator_url", url), ("creator_email", email),
        ("publisher_name", name), ("publisher_url", url), ("publisher_email", email),
        ("standard_name_vocabulary", standardNameVocabulary),
    ]
}
