-- Benchmark data for the rating job (issue #5): 100,000 accounts in binary trees of 255 (depth 8: levels 0–7)
-- and 1,000,000 contracts (90 % EUR, 7 % USD, 3 % CHF), written straight into a database that
-- `crmservice` has created and migrated. Deterministic: no random(), only arithmetic on the row number.
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO accounts (id, name, type, status, parent_id, currency, rating, modified_at, change_seq)
SELECT printf('A%06d', i), printf('Account %d', i),
       CASE i % 5 WHEN 0 THEN 'Customer' WHEN 1 THEN 'Customer' WHEN 2 THEN 'Reseller' WHEN 3 THEN 'Supplier' ELSE 'Prospect' END,
       CASE WHEN i % 17 = 0 THEN 'Exit' ELSE 'Active' END,
       CASE WHEN i % 255 = 0 THEN NULL ELSE printf('A%06d', (i / 255) * 255 + ((i % 255) - 1) / 2) END,
       'EUR', NULL, '2026-01-01T00:00:00Z', 1
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO contracts (id, account_id, item_value, service_value, currency, modified_at, written_seq)
SELECT printf('C%07d', i), printf('A%06d', (i * 7919) % 100000),
       printf('%d.%02d', (i * 2654435761) % 20000, i % 100), printf('%d.%d', (i * 40503) % 3000, i % 10),
       CASE WHEN i % 100 < 90 THEN 'EUR' WHEN i % 100 < 97 THEN 'USD' ELSE 'CHF' END,
       '2026-01-01T00:00:00Z', 1
FROM n;
INSERT INTO rating_rules (account_type, rating, amount_from, amount_to, currency) VALUES
  ('Customer', 1, 1000000, 999999999999, 'EUR'), ('Customer', 2, 300000, 999999, 'EUR'),
  ('Customer', 3, 100000, 299999, 'EUR'), ('Customer', 4, 30000, 99999, 'EUR'),
  ('Customer', 5, 10000, 29999, 'EUR'), ('Customer', 6, 1000, 9999, 'EUR'), ('Customer', 7, 0, 999, 'EUR'),
  ('Reseller', 1, 2000000, 999999999999, 'EUR'), ('Reseller', 2, 500000, 1999999, 'EUR'),
  ('Reseller', 3, 100000, 499999, 'EUR'), ('Reseller', 4, 0, 99999, 'EUR');
INSERT INTO exchange_rates (from_currency, to_currency, rate, valid_from) VALUES
  ('USD', 'EUR', '0.92', '2020-01-01'), ('CHF', 'EUR', '1.05', '2020-01-01');
UPDATE change_counter SET seq = 1;
COMMIT;
PRAGMA foreign_keys = ON;
ANALYZE;
