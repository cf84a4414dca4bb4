-- The month-end reads balances by date range (a month, the rows before it). Balances arrive in date order (end-of-day
-- files), so a block-range index finds those ranges as well as a B-tree did, while a load no longer pays a B-tree
-- insert per row (about a third of the WAL of a load's merge). A block range holding rows of many dates (a bulk load
-- of a month in account order) is simply read whole, as a B-tree range scan over most of the table would be.
DROP INDEX balance_by_date;
CREATE INDEX balance_by_date ON balance USING brin (balance_date);
