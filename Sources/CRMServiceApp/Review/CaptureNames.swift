import Capture
import CRMCore
import Store

/// Names the executable uses for replay and review without importing Capture, Store or CRMCore.
public typealias ReplaySummary = Capture.ReplaySummary
public typealias ReplayError = Capture.ReplayError
public typealias ReviewError = Capture.ReviewError
public typealias CaptureResult = Capture.CaptureResult
public typealias UnmatchedEntryRow = UnmatchedExportRow
public typealias ReviewContactID = ContactID
