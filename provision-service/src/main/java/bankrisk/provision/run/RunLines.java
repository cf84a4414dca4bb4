package bankrisk.provision.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.platform.db.DatabaseException;
import bankrisk.platform.stream.Source;
import bankrisk.provision.ecl.EclResult;
import bankrisk.provision.policy.LoanCategory;

/**
 * A completed run's per-loan lines as the run stored them, in loan-id order: a keyset page at a time for the paced
 * gRPC stream (no connection held between pages), or through one cursor for the downloads. A run's lines are
 * written with its COMPLETED status in one transaction and never change after, so pages read at different times
 * never mix two versions.
 */
@ApplicationScoped
public class RunLines {

    /** Lines per page of the stream: one message stays well below gRPC's 4 MiB default message size. */
    public static final int PAGE_SIZE = 1000;

    private static final String COLUMNS = "loan_id, customer_number, borrower_kind, product, branch_code, balance, collateral_kind, "
            + "collateral_value, category, days_past_due, base, rate, provision, ecl_stage, ecl_pd, ecl_lgd, ecl";

    /** One page of a run's lines, with the run's currency (every amount of a run is in it). */
    public record Page(long runId, String currencyCode, List<ProvisionLine> lines) {
    }

    private final DataSource dataSource;
    private final RunRepository runs;

    @Inject
    RunLines(DataSource dataSource, RunRepository runs) {
        this.dataSource = dataSource;
        this.runs = runs;
    }

    /**
     * The run's lines a page of {@code pageSize} at a time (keyset on the loan id, served by the primary key). The
     * first page is read only after the run is found, so an unknown run fails the stream with NOT_FOUND; a run
     * without lines gives one empty page.
     */
    public Source<Page> pages(long runId, int pageSize) {
        return new Source<>() {
            private String currency;
            private String after = "";

            @Override
            public Batch<Page> next() {
                if (currency == null) {
                    currency = runs.get(runId).inputs().currencyCode();
                }
                boolean first = after.isEmpty();
                List<ProvisionLine> lines = page(runId, after, pageSize);
                if (lines.isEmpty() && !first) {
                    return Batch.last(List.of());
                }
                Page page = new Page(runId, currency, lines);
                if (lines.size() < pageSize) {
                    return Batch.last(List.of(page));
                }
                after = lines.get(lines.size() - 1).loan().loanId();
                return Batch.more(List.of(page));
            }
        };
    }

    /** Every line of the run, in loan-id order, through one cursor (the caller checked the run exists). */
    public void forEach(long runId, Consumer<ProvisionLine> sink) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM provision_line WHERE run_id = ? ORDER BY loan_id")) {
                select.setLong(1, runId);
                select.setFetchSize(PAGE_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(line(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private List<ProvisionLine> page(long runId, String after, int pageSize) {
        List<ProvisionLine> lines = new ArrayList<>(pageSize);
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM provision_line WHERE run_id = ? AND loan_id > ? ORDER BY loan_id LIMIT ?")) {
            select.setLong(1, runId);
            select.setString(2, after);
            select.setInt(3, pageSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.add(line(rows));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return lines;
    }

    private static ProvisionLine line(ResultSet row) throws SQLException {
        GradedLoan loan = new GradedLoan(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getBigDecimal(6), CollateralKind.valueOf(row.getString(7)), row.getBigDecimal(8), LoanCategory.valueOf(row.getString(9)),
                row.getInt(10));
        return new ProvisionLine(loan, row.getBigDecimal(11), row.getBigDecimal(12), row.getBigDecimal(13),
                new EclResult(row.getInt(14), row.getBigDecimal(15), row.getBigDecimal(16), row.getBigDecimal(17)));
    }
}
