/// Whether the scheduler starts runs (`running`) or lets fire times pass without running anything (`standby`, §7).
/// Persisted by the store, so that it survives restarts and another process can change it.
public enum SchedulerMode: String, Sendable, Hashable, CaseIterable {
    case running, standby
}
