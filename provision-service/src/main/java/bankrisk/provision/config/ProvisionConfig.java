package bankrisk.provision.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of provision-service; every key is documented in the module README. */
@ConfigMapping(prefix = "provision")
public interface ProvisionConfig {

    /** ISO 4217 code of the reporting currency; a snapshot row in another currency fails the run. */
    @WithDefault("CNY")
    String reportingCurrency();

    /** Collateral kinds netted from the balance under a NET_OF_COLLATERAL policy. */
    @WithDefault("CASH_DEPOSIT,SECURITIES,REAL_ESTATE")
    Set<String> eligibleCollateral();

    Run run();

    Ratios ratios();

    Ecl ecl();

    Journal journal();

    interface Run {
        /** A progress message is streamed every this many loans. */
        @WithDefault("10000")
        int progressEvery();

        /**
         * Attempts at each read of loan-risk (GetSnapshot, and the whole stream of grades, which restarts from scratch)
         * when it is UNAVAILABLE or misses its deadline.
         */
        @WithDefault("3")
        int maxAttempts();

        /** Ceiling of the wait before the second attempt; doubles for each further one (equal jitter: half to all of it). */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** The ceiling of any one wait between attempts. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /** Deadline of GetSnapshot. */
        @WithDefault("PT10S")
        Duration snapshotDeadline();

        /** Deadline of one whole StreamSnapshotGrades / StreamTierAssignments read. */
        @WithDefault("PT1H")
        Duration streamDeadline();

        /** Timeout of the one transaction that writes a run. */
        @WithDefault("PT2H")
        Duration transactionTimeout();
    }

    interface Ratios {
        /** The named regime new runs are judged under: CBRC-2011, CBIRC-2018 or BANK-OWN (a row of ratio_regime). */
        @WithDefault("CBRC-2011")
        String regime();

        /** Minimum provision coverage ratio (CBRC 2011: 1.50; CBRC 2018: 1.20–1.50 bank by bank). */
        @WithDefault("1.50")
        BigDecimal minCoverage();

        /** Minimum loan provision ratio (CBRC 2011: 0.025; CBRC 2018: 0.015–0.025 bank by bank). */
        @WithDefault("0.025")
        BigDecimal minLoanProvisionRatio();

        /** Maximum NPL ratio (CBRC core indicators: 0.05). */
        @WithDefault("0.05")
        BigDecimal maxNplRatio();
    }

    interface Ecl {
        /** Stage of each category before the days-past-due presumptions, keyed by category name. */
        Map<String, Integer> stage();

        /** A stage 1 loan more than this many days past due is stage 2 (IFRS 9 5.5.11 presumption). */
        @WithDefault("30")
        int stage2DaysPastDue();

        /** A loan more than this many days past due is stage 3 (IFRS 9 B5.5.37 presumption). */
        @WithDefault("90")
        int stage3DaysPastDue();

        /** 12-month PD per category (stage 1). */
        @WithName("pd-12-month")
        Map<String, BigDecimal> pd12Month();

        /** Lifetime PD per category (stages 2 and 3). */
        Map<String, BigDecimal> pdLifetime();

        /** LGD per category. */
        Map<String, BigDecimal> lgd();
    }

    interface Journal {
        /** Account of the credit-impairment loss (信用減值損失, P&L). */
        @WithDefault("6702")
        String impairmentLossAccount();

        /** Account of the loan-loss allowance (貸款損失準備, contra-asset). */
        @WithDefault("1304")
        String allowanceAccount();

        /** Account of the loans written off against the allowance (貸款). */
        @WithDefault("1303")
        String loansAccount();

        /** Account debited by an appropriation to the general risk reserve (利潤分配—提取一般風險準備). */
        @WithDefault("4104")
        String profitDistributionAccount();

        /** Account of the general risk reserve (一般風險準備, equity). */
        @WithDefault("4102")
        String generalRiskReserveAccount();

        /**
         * Account debited by cash recovered on a written-off loan (JOURNAL_ENTRY_KIND_RECOVERY), a recoveries clearing
         * account; its credit is the allowance or the impairment loss, by the policy's recovery booking.
         */
        @WithDefault("1001")
        String recoveryAccount();

        /** Branch that books the general reserve, which is computed on the whole book, not per branch. */
        @WithDefault("HEAD_OFFICE")
        String headOfficeBranch();
    }
}
