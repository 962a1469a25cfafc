/// SQLite persistence through GRDB: the one `AppDatabase`, its migrations and records.
public enum Store {}
