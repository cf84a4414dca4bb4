package bankrisk.tiering.grpc;

import bank.tiering.v1.TierFloor;
import bank.tiering.v1.TierFloorStatus;
import bankrisk.api.convert.Dates;

/** Maps manual tier floors to the contract. */
final class FloorMapper {

    private FloorMapper() {
    }

    static TierFloor toProto(bankrisk.tiering.floor.TierFloor floor) {
        return TierFloor.newBuilder()
                .setFloorId(floor.floorId())
                .setCustomerNumber(floor.customerNumber())
                .setTierCode(floor.tierCode())
                .setFirstMonth(Dates.toYearMonth(floor.firstMonth()))
                .setLastMonth(Dates.toYearMonth(floor.lastMonth()))
                .setReason(floor.reason())
                .setStatus(switch (floor.status()) {
                    case PENDING -> TierFloorStatus.TIER_FLOOR_STATUS_PENDING;
                    case APPROVED -> TierFloorStatus.TIER_FLOOR_STATUS_APPROVED;
                    case REJECTED -> TierFloorStatus.TIER_FLOOR_STATUS_REJECTED;
                })
                .setProposedBy(floor.proposedBy())
                .setDecidedBy(floor.decidedBy() == null ? "" : floor.decidedBy())
                .setDecisionComment(floor.decisionComment() == null ? "" : floor.decisionComment())
                .build();
    }
}
