/// Whether the scheduler starts runs (`running`) or lets fire times pass without running anything (`standby`, §7).
public enum SchedulerMode: String, Sendable, Hashable, CaseIterable {
    case running, standby
}
