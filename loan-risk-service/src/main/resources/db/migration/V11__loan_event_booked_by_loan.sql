-- StreamSnapshotFlows pages the loans of two snapshots and of the period's booked events in loan-id order (keyset,
-- the snapshots' "C" order): this index hands the events' loans over in that order from any position, so a page reads
-- from where the previous one stopped instead of sorting the period's events again.
CREATE INDEX loan_event_booked_loan_c_idx ON loan_event ((loan_id COLLATE "C"), effective_date) WHERE status = 'BOOKED';
