package bankrisk.loanrisk.grpc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import bank.loanrisk.v1.GetLoanRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bankrisk.common.security.Roles;
import bankrisk.testing.LoadUnderTest;
import bankrisk.testing.TestTokens;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * LoadLoanFacts for the load contracts: a key is a new retail loan registered by its row, a round an as-of date in
 * 2090 (no classification of the other tests ever reaches it), the value its outstanding balance on that date.
 */
final class FactsLoadUnderTest implements LoadUnderTest<LoadLoanFactsRequest> {

    @Override
    public MethodDescriptor<LoadLoanFactsRequest, ?> method() {
        return LoanRiskServiceGrpc.getLoadLoanFactsMethod();
    }

    @Override
    public Metadata loader() {
        return TestTokens.headers(TestBook.OFFICER, Roles.RISK_OFFICER);
    }

    @Override
    public LoadLoanFactsRequest row(String key, int round, String value) {
        return TestBook.retail(key, LocalDate.of(2090, 1, 1).plusDays(round), value).build();
    }

    @Override
    public Map<String, String> stored(DataSource dataSource, String prefix) throws SQLException {
        Map<String, String> stored = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT loan_id, outstanding_balance FROM loan_fact WHERE loan_id LIKE ?")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.merge(rows.getString(1), rows.getBigDecimal(2).toPlainString(), (a, b) -> a + ", " + b);
                }
            }
        }
        return stored;
    }

    @Override
    public String loadedAction() {
        return "FACTS_LOADED";
    }

    @Override
    public String stagingTable() {
        return "staged_facts";
    }

    @Override
    public Status.Code unaryRead(Channel channel) {
        try {
            LoanRiskServiceGrpc.newBlockingStub(channel).withCallCredentials(TestTokens.as(TestBook.OFFICER, Roles.RISK_OFFICER))
                    .getLoan(GetLoanRequest.newBuilder().setLoanId("NO-SUCH-LOAN").build());
            return Status.Code.OK;
        } catch (StatusRuntimeException answered) {
            return answered.getStatus().getCode();
        }
    }
}
