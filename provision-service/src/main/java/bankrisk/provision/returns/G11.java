package bankrisk.provision.returns;

import java.math.BigDecimal;
import java.util.List;

import bankrisk.provision.run.SnapshotHeader;

/** A G11 return: the period-end snapshot by category, the allowance of run {@code runId}, and its checks (all passed). */
public record G11(SnapshotHeader snapshot, long runId, BigDecimal generalReserve, BigDecimal allowance, G11Grid grid,
        NplRecognition nplRecognition, List<FormCheck> checks) {
}
