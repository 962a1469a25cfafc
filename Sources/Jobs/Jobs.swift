/// Cron expressions, the scheduler and the sibling jobs (rating, log truncation) live here.
public enum Jobs {}
