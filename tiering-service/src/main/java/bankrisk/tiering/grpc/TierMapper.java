package bankrisk.tiering.grpc;

import bank.tiering.v1.ChangeDirection;
import bank.tiering.v1.CustomerTier;
import bank.tiering.v1.EvaluationProgress;
import bank.tiering.v1.EvaluationStage;
import bank.tiering.v1.TierAssignment;
import bank.tiering.v1.TierBucket;
import bank.tiering.v1.TierChange;
import bank.tiering.v1.TierDistribution;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.tiering.evaluation.TierQueries;

/** Maps evaluation results and progress to the contract; "no tier" is the empty code. */
final class TierMapper {

    private TierMapper() {
    }

    static CustomerTier toProto(TierQueries.CustomerTier tier) {
        return CustomerTier.newBuilder()
                .setCustomerNumber(tier.customerNumber())
                .setMonth(Dates.toYearMonth(tier.month()))
                .setAverageBalance(Decimals.toMoney(tier.average(), tier.currency()))
                .setTierCode(orEmpty(tier.tierCode()))
                .setTierName(orEmpty(tier.tierName()))
                .setQualifiedTierCode(orEmpty(tier.qualifiedTierCode()))
                .setPreviousTierCode(orEmpty(tier.previousTierCode()))
                .setGraceHeld(tier.graceHeld())
                .setMonthsBelow(tier.monthsBelow())
                .setSchemeVersion(tier.schemeVersion())
                .setValueClass(tier.valueClass())
                .setTierReason(orEmpty(tier.tierReason()))
                .build();
    }

    static TierAssignment toAssignment(TierQueries.CustomerTier tier) {
        return TierAssignment.newBuilder()
                .setCustomerNumber(tier.customerNumber())
                .setTierCode(orEmpty(tier.tierCode()))
                .setTierName(orEmpty(tier.tierName()))
                .setAverageBalance(Decimals.toMoney(tier.average(), tier.currency()))
                .setValueClass(tier.valueClass())
                .build();
    }

    static TierDistribution toProto(TierQueries.Distribution distribution) {
        TierDistribution.Builder out = TierDistribution.newBuilder()
                .setMonth(Dates.toYearMonth(distribution.month()))
                .setSchemeVersion(distribution.schemeVersion())
                .setCustomers(distribution.customers())
                .setTotalAverageBalance(Decimals.toMoney(distribution.totalAverage(), distribution.currency()));
        distribution.buckets().forEach(bucket -> out.addBuckets(TierBucket.newBuilder()
                .setTierCode(orEmpty(bucket.tierCode()))
                .setTierName(orEmpty(bucket.tierName()))
                .setCustomers(bucket.customers())
                .setTotalAverageBalance(Decimals.toMoney(bucket.totalAverage(), distribution.currency()))));
        return out.build();
    }

    static TierChange toProto(TierQueries.Change change) {
        return TierChange.newBuilder()
                .setCustomerNumber(change.customerNumber())
                .setFromMonth(Dates.toYearMonth(change.fromMonth()))
                .setToMonth(Dates.toYearMonth(change.toMonth()))
                .setFromTierCode(orEmpty(change.fromTierCode()))
                .setToTierCode(orEmpty(change.toTierCode()))
                .setDirection(change.upgrade() ? ChangeDirection.CHANGE_DIRECTION_UPGRADE
                        : ChangeDirection.CHANGE_DIRECTION_DOWNGRADE)
                .setAverageBalance(Decimals.toMoney(change.average(), change.currency()))
                .setTierReason(orEmpty(change.tierReason()))
                .setSequence(change.sequence())
                .build();
    }

    static EvaluationProgress toProto(bankrisk.tiering.evaluation.EvaluationProgress progress) {
        return EvaluationProgress.newBuilder()
                .setMonth(Dates.toYearMonth(progress.month()))
                .setStage(switch (progress.stage()) {
                    case STARTED -> EvaluationStage.EVALUATION_STAGE_STARTED;
                    case RATES_CHECKED -> EvaluationStage.EVALUATION_STAGE_RATES_CHECKED;
                    case TIERS_ASSIGNED -> EvaluationStage.EVALUATION_STAGE_TIERS_ASSIGNED;
                    case COMPLETED -> EvaluationStage.EVALUATION_STAGE_COMPLETED;
                })
                .setCustomers(progress.customers())
                .setSchemeVersion(progress.schemeVersion())
                .setRecomputed(progress.recomputed())
                .setElapsedMillis(progress.elapsedMillis())
                .build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
