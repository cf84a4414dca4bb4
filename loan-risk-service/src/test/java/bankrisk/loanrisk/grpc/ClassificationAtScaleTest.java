package bankrisk.loanrisk.grpc;

import static bankrisk.loanrisk.grpc.TestBook.classify;
import static bankrisk.loanrisk.grpc.TestBook.company;
import static bankrisk.loanrisk.grpc.TestBook.decimal;
import static bankrisk.loanrisk.grpc.TestBook.facts;
import static bankrisk.loanrisk.grpc.TestBook.load;
import static bankrisk.loanrisk.grpc.TestBook.retail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import bank.loanrisk.v1.GetSnapshotRequest;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskService;
import bank.loanrisk.v1.Snapshot;
import bank.loanrisk.v1.SnapshotGrade;
import bank.loanrisk.v1.SnapshotServiceGrpc.SnapshotServiceBlockingStub;
import bankrisk.api.convert.Dates;
import bankrisk.loanrisk.grading.BookQueries;
import bankrisk.loanrisk.grading.Grade;
import bankrisk.loanrisk.grading.Grader;
import bankrisk.loanrisk.grading.RuleSets;
import bankrisk.loanrisk.snapshot.SnapshotHeader;
import bankrisk.loanrisk.snapshot.Snapshots;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A book of realistic shape and size (6,000 loans, one stream: several staging batches) graded on two dates: the
 * set-based run must agree with the Java interpreter on every loan (category, rule floor, reason codes), with debtor
 * contagion, held upgrades and multi-floor reasons present in numbers, and the fingerprint must match the stream.
 * Facts are dated 2031: no other test grades or loads that year.
 */
@QuarkusTest
class ClassificationAtScaleTest {

    static final LocalDate FIRST = LocalDate.of(2031, 3, 31);
    static final LocalDate SECOND = LocalDate.of(2031, 6, 30);
    static final int LOANS = 6_000;

    @GrpcClient("loanrisk")
    LoanRiskService client;

    @GrpcClient("loanrisk")
    SnapshotServiceBlockingStub snapshotService;

    @Inject
    RuleSets ruleSets;

    @Inject
    BookQueries book;

    @Inject
    Snapshots snapshots;

    @Test
    void theSetBasedRunAgreesWithTheInterpreterOnEveryLoanOfALargeBook() throws Exception {
        client = TestBook.asOfficer(client);
        snapshotService = TestBook.asOfficer(snapshotService);
        LoadLoanFactsResponse first = load(client, firstQuarter());
        assertThat(first.getRowsReceived()).isEqualTo(LOANS);
        assertThat(first.getFactsInserted()).isEqualTo(LOANS);
        assertThat(first.getLoansRegistered()).isEqualTo(LOANS);
        classify(client, FIRST);
        load(client, secondQuarter());
        classify(client, SECOND);

        Map<String, SnapshotGrade> q1 = agreeWithTheInterpreter(FIRST);
        Map<String, SnapshotGrade> q2 = agreeWithTheInterpreter(SECOND);

        assertThat(count(q1, "DEBTOR_CONTAGION_OVER_10PCT")).isGreaterThan(100);
        assertThat(count(q2, "UPGRADE_NOT_YET_ALLOWED")).isGreaterThan(50);
        assertThat(q1.values().stream().filter(g -> g.getReasonCodesCount() > 1).count()).isGreaterThan(50);
        assertThat(q2.get(id(0)).getReasonCodesList()).containsExactly("UPGRADE_NOT_YET_ALLOWED");
        assertThat(q1.get(id(5)).getReasonCodesList()).containsExactly("DEBTOR_CONTAGION_OVER_10PCT", "DPD_OVER_90");
    }

    /** Compares every loan of the date's snapshot with the Java interpreter and the fingerprint with the stream. */
    private Map<String, SnapshotGrade> agreeWithTheInterpreter(LocalDate date) throws Exception {
        SnapshotHeader header = snapshots.byAsOf(date);
        var previous = book.snapshotGrades(snapshots.latestBefore(date).map(SnapshotHeader::snapshotId).orElse(null));
        Map<String, Grade> java = Grader.grade(ruleSets.inForce(date), date, book.factsOn(date, null), previous,
                book.approvedOverrides(date));
        List<SnapshotGrade> rows = TestBook.streamGrades(snapshotService, header.snapshotId().toString());
        Map<String, SnapshotGrade> sql = rows.stream().collect(Collectors.toMap(SnapshotGrade::getLoanId, Function.identity()));

        assertThat(sql.keySet()).as("loans of %s", date).isEqualTo(java.keySet());
        assertThat(header.loanCount()).isEqualTo(java.size());
        java.forEach((loanId, grade) -> {
            SnapshotGrade row = sql.get(loanId);
            assertThat(row.getCategory()).as(loanId).isEqualTo(GradeMapper.category(grade.category()));
            assertThat(row.getRuleFloor()).as(loanId).isEqualTo(GradeMapper.category(grade.ruleFloor()));
            assertThat(row.getReasonCodesList()).as(loanId).isEqualTo(grade.reasonCodes());
        });
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (SnapshotGrade g : rows) {
            sha256.update(fingerprintLine(g).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(header.fingerprint());
        Snapshot viaGrpc = snapshotService.getSnapshot(GetSnapshotRequest.newBuilder().setAsOf(Dates.toDate(date)).build());
        assertThat(viaGrpc.getFingerprint()).isEqualTo(header.fingerprint());
        return sql;
    }

    /**
     * The contract's fingerprint line (see {@code Snapshot.fingerprint}): loans in another currency add three fields,
     * loans with contract terms four.
     */
    static String fingerprintLine(SnapshotGrade g) {
        return String.join("|", g.getLoanId(), g.getBorrowerCustomerNumber(), suffix(g.getBorrowerKind().name(), "BORROWER_KIND_"),
                suffix(g.getProduct().name(), "PRODUCT_"), g.getBranchCode(), g.getOutstandingBalance().getAmount(),
                suffix(g.getCollateralKind().name(), "COLLATERAL_KIND_"), g.getCollateralValue().getAmount(),
                suffix(g.getCategory().name(), "LOAN_CATEGORY_"), Integer.toString(g.getDaysPastDue()),
                String.join(",", g.getReasonCodesList()))
                + (g.getOriginalCurrencyCode().equals(g.getOutstandingBalance().getCurrencyCode()) ? ""
                        : "|" + g.getOriginalCurrencyCode() + "|" + g.getOriginalBalance().getAmount() + "|" + g.getFxRate().getValue())
                + (!g.hasContractualInterestRate() && g.getRepaymentMethodValue() == 0 && !g.hasUndrawnCommitment()
                        && g.getCategoryAtOriginationValue() == 0 ? ""
                                : "|" + (g.hasContractualInterestRate() ? g.getContractualInterestRate().getValue() : "") + "|"
                                        + (g.getRepaymentMethodValue() == 0 ? "" : suffix(g.getRepaymentMethod().name(), "REPAYMENT_METHOD_"))
                                        + "|" + (g.hasUndrawnCommitment() ? g.getUndrawnCommitment().getAmount() : "") + "|"
                                        + (g.getCategoryAtOriginationValue() == 0 ? ""
                                                : suffix(g.getCategoryAtOrigination().name(), "LOAN_CATEGORY_")))
                + "\n";
    }

    private static String suffix(String name, String prefix) {
        return name.substring(prefix.length());
    }

    private static long count(Map<String, SnapshotGrade> grades, String code) {
        return grades.values().stream().filter(g -> g.getReasonCodesList().contains(code)).count();
    }

    static String id(int i) {
        return String.format("AS-%05d", i);
    }

    /**
     * Loan i: every 5th loan is 91-400 days overdue, the others spread over every rule. In each block of 25 loans,
     * loans 5-14 are non-retail, of two companies of five loans each holding one overdue loan: both are contagious.
     */
    private static List<LoadLoanFactsRequest.Builder> firstQuarter() {
        List<LoadLoanFactsRequest.Builder> rows = new ArrayList<>(LOANS);
        for (int i = 0; i < LOANS; i++) {
            boolean nonRetail = i % 25 >= 5 && i % 25 < 15;
            String balance = (1000 + i % 97 * 113) + "." + String.format("%02d", i % 100);
            LoadLoanFactsRequest.Builder row = nonRetail ? company(id(i), "AS-CO-" + i / 5, FIRST, balance) : retail(id(i), FIRST, balance);
            if (i % 5 == 0) {
                row.setDaysPastDuePrincipal(91 + i % 310);
            }
            switch (i % 11) {
                case 1 -> row.setDaysPastDueInterest(i % 60);
                case 2 -> row.setCreditImpaired(true).setEclRatio(decimal(i % 3 == 0 ? "0.95" : "0.55"));
                case 3 -> row.setOverdueElsewhereShare(decimal("0.3"));
                case 4 -> row.setSignificantExternalDowngrade(true);
                case 5 -> row.setRestructuredOn(Dates.toDate(LocalDate.of(2030, 10, 1))).setRestructuredForFinancialDifficulty(true)
                        .setObservationEnd(Dates.toDate(LocalDate.of(2031, 10, 1))).setNonPerformingBeforeRestructuring(i % 2 == 0);
                case 6 -> row.setDebtEvasion(i % 4 == 0);
                case 7 -> row.setBankruptcyLiquidation(i % 7 == 0);
                default -> {
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The overdue loans are cured in the second quarter: arrears cleared recently (upgrade held) or long ago with
     * enough on-time periods (upgrade allowed); a few performing loans fall due.
     */
    private static List<LoadLoanFactsRequest.Builder> secondQuarter() {
        List<LoadLoanFactsRequest.Builder> rows = new ArrayList<>();
        for (int i = 0; i < LOANS; i += 5) {
            String balance = (900 + i % 89 * 101) + ".00";
            LoadLoanFactsRequest.Builder row = facts(id(i), SECOND, balance);
            if (i % 10 == 0) {
                row.setArrearsClearedOn(Dates.toDate(LocalDate.of(2031, 6, 1))).setConsecutiveOnTimePeriods(1);
            } else {
                row.setArrearsClearedOn(Dates.toDate(LocalDate.of(2030, 11, 30))).setConsecutiveOnTimePeriods(i % 3);
            }
            rows.add(row);
        }
        for (int i = 3; i < LOANS; i += 50) {
            rows.add(facts(id(i), SECOND, "500.00").setDaysPastDuePrincipal(100));
        }
        return rows;
    }
}
