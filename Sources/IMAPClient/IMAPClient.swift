/// An IMAP mailbox over libcurl: capabilities, UIDVALIDITY, new UIDs, fetch by UID, after-actions.
public enum IMAPClient {}
