/// A job as the configuration defines it: its name, its trigger and whether it is enabled (§7).
public struct JobDefinition: Sendable, Hashable {
    public var name: JobName
    public var trigger: JobTrigger
    public var enabled: Bool

    public init(name: JobName, trigger: JobTrigger, enabled: Bool = true) {
        self.name = name
        self.trigger = trigger
        self.enabled = enabled
    }
}
