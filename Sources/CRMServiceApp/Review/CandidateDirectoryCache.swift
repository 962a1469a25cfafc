import Matching
import Store
import Synchronization

/// The indexed address book of the candidate ranking, kept between requests until the address book's version moves
/// (`v5-address-book-version`): reading and indexing 10,000 contacts costs about 60 ms of CPU, the version check a
/// query. Shared by every copy of one `ReviewCandidateService`.
final class CandidateDirectoryCache: Sendable {
    private let cached = Mutex<(version: Int64, directory: CandidateDirectory)?>(nil)

    /// The directory as of now.
    func directory(_ database: AppDatabase) throws -> CandidateDirectory {
        let known = cached.withLock { $0 }
        guard let fresh = try database.contactCards(ifChangedSince: known?.version) else {
            if let known { return known.directory }
            throw CacheInvariant()
        }
        let directory = CandidateDirectory(contacts: fresh.contacts, userAddresses: fresh.userAddresses)
        cached.withLock { current in
            // A newer one built by a concurrent request wins.
            if current.map({ $0.version < fresh.version }) ?? true { current = (fresh.version, directory) }
        }
        return directory
    }

    /// `contactCards(ifChangedSince: nil)` always answers; reaching this is a programming error.
    struct CacheInvariant: Error {}
}
