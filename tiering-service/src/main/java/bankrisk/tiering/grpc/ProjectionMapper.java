package bankrisk.tiering.grpc;

import bank.tiering.v1.CustomerProjection;
import bank.tiering.v1.TargetStatus;
import bank.tiering.v1.TierRisk;
import bank.tiering.v1.TierTarget;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.tiering.projection.BalanceNeeded;

/** Maps projections to the contract; "no tier" is the empty code, an absent target an unset message. */
final class ProjectionMapper {

    private ProjectionMapper() {
    }

    static CustomerProjection toProto(bankrisk.tiering.projection.CustomerProjection projection) {
        String currency = projection.currency();
        CustomerProjection.Builder out = CustomerProjection.newBuilder()
                .setCustomerNumber(projection.customerNumber())
                .setMonth(Dates.toYearMonth(projection.month()))
                .setBusinessDate(Dates.toDate(projection.businessDate()))
                .setSchemeVersion(projection.schemeVersion())
                .setDaysLeft(projection.daysLeft())
                .setMonthToDateAverage(Decimals.toMoney(projection.monthToDateAverage(), currency))
                .setTodayBalance(Decimals.toMoney(projection.todayBalance(), currency))
                .setProjectedAverage(Decimals.toMoney(projection.projectedAverage(), currency))
                .setProjectedTierCode(orEmpty(projection.projectedTierCode()))
                .setProjectedTierName(orEmpty(projection.projectedTierName()))
                .setHeldTierCode(orEmpty(projection.heldTierCode()));
        if (projection.current() != null) {
            out.setCurrentTier(toProto(projection.current(), currency));
        }
        if (projection.next() != null) {
            out.setNextTier(toProto(projection.next(), currency));
        }
        return out.build();
    }

    static TierRisk toProto(bankrisk.tiering.projection.TierRisk risk, String currency) {
        TierRisk.Builder out = TierRisk.newBuilder()
                .setCustomerNumber(risk.customerNumber())
                .setHeldTierCode(risk.heldTierCode())
                .setProjectedTierCode(orEmpty(risk.projectedTierCode()))
                .setProjectedAverage(Decimals.toMoney(risk.projectedAverage(), currency))
                .setTodayBalance(Decimals.toMoney(risk.todayBalance(), currency))
                .setKeep(toProto(risk.keep(), currency));
        if (risk.shortfall() != null) {
            out.setShortfall(Decimals.toMoney(risk.shortfall(), currency));
        }
        out.setMonthsBelow(risk.monthsBelow()).setGraceHolds(risk.graceHolds());
        if (risk.graceLastMonth() != null) {
            out.setGraceLastMonth(Dates.toYearMonth(risk.graceLastMonth()));
        }
        out.setFloorTierCode(orEmpty(risk.floorTierCode()));
        return out.build();
    }

    static TierTarget toProto(bankrisk.tiering.projection.TierTarget target, String currency) {
        TierTarget.Builder out = TierTarget.newBuilder()
                .setTierCode(target.tierCode())
                .setTierName(target.tierName())
                .setLowerBound(Decimals.toMoney(target.lowerBound(), currency))
                .setStatus(status(target.needed().status()));
        if (target.needed().status() == BalanceNeeded.Status.NEEDED) {
            out.setBalanceNeeded(Decimals.toMoney(target.needed().amount(), currency));
        }
        return out.build();
    }

    private static TargetStatus status(BalanceNeeded.Status status) {
        return switch (status) {
            case SECURED -> TargetStatus.TARGET_STATUS_SECURED;
            case NEEDED -> TargetStatus.TARGET_STATUS_NEEDED;
            case OUT_OF_REACH -> TargetStatus.TARGET_STATUS_OUT_OF_REACH;
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
