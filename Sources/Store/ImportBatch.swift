import CRMCore
import Foundation

/// The decoded rows of one import file, of one kind (§3), for `AppDatabase.importRecorded`.
public enum ImportBatch: Sendable {
    case accounts([AccountRecord], at: Date)
    case contacts([ContactRecord])
    case users([UserRecord])
    case orders([OrderRecord])
    case contracts([ContractRecord])
    case ratingRules([RatingRule])
    case exchangeRates([ExchangeRate])
    case appointments([(id: AppointmentID, draft: AppointmentDraft)], at: Date)
}
