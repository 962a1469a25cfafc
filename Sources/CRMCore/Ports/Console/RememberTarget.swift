/// What "remember" (§8 `POST /review/remember`) makes of an address.
public enum RememberTarget: Sendable, Hashable {
    /// The address becomes one of the contact's addresses.
    case contact(ContactID)
    /// The address is never captured (§4.9), like the configuration's never-capture list.
    case neverCapture
}
