#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// iconv descriptors kept open for reuse, a few per charset, shared by every thread (a descriptor is used by one
/// thread at a time: it is taken out of the pool while in use).
///
/// Opening a descriptor per call cost a fifth of `crmservice parse` on mail in Japanese, Russian or Central European
/// charsets: glibc unloads a gconv module (dlclose) soon after its last descriptor is closed and loads it again
/// (dlopen) on the next open. An idle descriptor kept here also keeps its module loaded.
final class IconvPool: Sendable {
    static let shared = IconvPool()

    /// Idle descriptors kept per charset; more are closed after use (replay parses on up to four threads).
    private static let idlePerCharset = 4

    private struct Descriptor: @unchecked Sendable { let handle: iconv_t }
    private let idle = Mutex<[String: [Descriptor]]>([:])

    /// Runs `body` with a descriptor from `name` to UTF-8 in its initial state; nil when iconv does not know `name`.
    func withDescriptor<Result>(from name: String, _ body: (iconv_t) -> Result) -> Result? {
        let handle: iconv_t
        if let cached = idle.withLock({ $0[name]?.popLast() }) {
            handle = cached.handle
        } else {
            guard let opened = iconv_open("UTF-8", name), Int(bitPattern: opened) != -1 else { return nil }
            handle = opened
        }
        let result = body(handle)
        _ = iconv(handle, nil, nil, nil, nil) // back to the initial shift state for the next user
        let kept = idle.withLock { pool in
            guard pool[name, default: []].count < Self.idlePerCharset else { return false }
            pool[name, default: []].append(Descriptor(handle: handle))
            return true
        }
        if !kept { iconv_close(handle) }
        return result
    }
}
