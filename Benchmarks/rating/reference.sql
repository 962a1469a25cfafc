-- The reference for `rating run --full`: the same totals (own and all subsidiaries' contracts, converted with the
-- newest rate valid today, rounded half up) and the rule lookup, as one recursive-CTE query in the sqlite3 CLI.
-- It uses SQLite's floating point, so it is a speed reference, not an exact one.
WITH RECURSIVE
  rate(currency, rate) AS (
    SELECT 'EUR', 1.0
    UNION ALL
    SELECT from_currency, CAST(rate AS REAL) FROM exchange_rates r
    WHERE to_currency = 'EUR' AND valid_from = (SELECT max(valid_from) FROM exchange_rates r2
          WHERE r2.from_currency = r.from_currency AND r2.to_currency = 'EUR' AND r2.valid_from <= date('now'))),
  own(account_id, total, n) AS (
    SELECT account_id, SUM((item_value + service_value) * rate.rate), COUNT(*)
    FROM contracts JOIN rate USING (currency) GROUP BY account_id),
  up(account_id, ancestor, depth) AS (
    SELECT id, id, 0 FROM accounts
    UNION ALL
    SELECT up.account_id, a.parent_id, up.depth + 1 FROM up JOIN accounts a ON a.id = up.ancestor
    WHERE a.parent_id IS NOT NULL AND up.depth < 64),
  tree(id, total, n) AS (
    SELECT up.ancestor, SUM(own.total), SUM(own.n) FROM up JOIN own ON own.account_id = up.account_id
    GROUP BY up.ancestor)
SELECT count(*), count(r.rating) FROM accounts a
JOIN tree t ON t.id = a.id
LEFT JOIN rating_rules r ON r.account_type = a.type
  AND CAST(t.total + 0.5 AS INTEGER) BETWEEN r.amount_from AND r.amount_to
WHERE a.type IN ('Customer', 'Reseller') AND a.status <> 'Exit';
