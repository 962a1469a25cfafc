import CRMCore

/// The scheduler's mode (`running` or `standby`, §7); the type lives in CRMCore so that the store can persist it.
public typealias SchedulerMode = CRMCore.SchedulerMode
