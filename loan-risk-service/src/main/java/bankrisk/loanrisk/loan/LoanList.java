package bankrisk.loanrisk.loan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** The loan book, filtered and paged in loan-id order (ListLoans): one SQL query for the ids and the total. */
@ApplicationScoped
public class LoanList {

    /** One page of loans and how many match in all. */
    public record Page(List<Loan> loans, long total) {
    }

    private final EntityManager entityManager;

    @Inject
    LoanList(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Page list(LoanFilter filter, int limit, long offset) {
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.snapshotId() != null) {
            where.append(" AND l.loan_id IN (SELECT g.loan_id FROM snapshot_grade g WHERE g.snapshot_id = ?")
                    .append(params.size() + 1).append(" AND g.category = ?").append(params.size() + 2).append(")");
            params.add(filter.snapshotId());
            params.add(filter.categoryRank().shortValue());
        }
        condition(where, params, "l.product = ?", filter.product() == null ? null : filter.product().name());
        condition(where, params, "l.branch_code = ?", filter.branchCode());
        condition(where, params, "l.borrower_customer_number = ?", filter.borrower());
        condition(where, params, "l.currency = ?", filter.currency());
        if (filter.writtenOff() != null) {
            where.append(filter.writtenOff() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM loan_event e"
                    + " WHERE e.loan_id = l.loan_id AND e.kind = 'WRITE_OFF' AND e.status = 'BOOKED')");
        }
        Query ids = entityManager.createNativeQuery("SELECT l.loan_id FROM loan l " + where
                + " ORDER BY l.loan_id COLLATE \"C\" LIMIT " + limit + " OFFSET " + offset);
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM loan l " + where);
        for (int i = 0; i < params.size(); i++) {
            ids.setParameter(i + 1, params.get(i));
            count.setParameter(i + 1, params.get(i));
        }
        List<String> page = new ArrayList<>();
        for (Object row : ids.getResultList()) {
            page.add((String) row);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        if (page.isEmpty()) {
            return new Page(List.of(), total);
        }
        Map<String, Loan> byId = new HashMap<>();
        Loan.<Loan> list("loanId in ?1", page).forEach(l -> byId.put(l.loanId, l));
        return new Page(page.stream().map(byId::get).toList(), total);
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" AND ").append(sql).append(params.size());
        }
    }
}
