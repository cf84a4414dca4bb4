-- The mid-month projection of one customer (ProjectCustomerTier) finds the customer's accounts by customer number;
-- without this index that is a scan of every balance row. Costs one more index entry per loaded row.
CREATE INDEX balance_by_customer ON balance (customer_number, account_id);
