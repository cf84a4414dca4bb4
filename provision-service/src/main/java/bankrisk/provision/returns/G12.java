package bankrisk.provision.returns;

import java.util.List;

import bankrisk.provision.run.SnapshotHeader;

/** A G12 return from the year-start snapshot to the period-end one, with its ratios and checks (all passed). */
public record G12(SnapshotHeader yearStart, SnapshotHeader periodEnd, G12Matrix matrix, List<ReturnRatio> ratios, List<FormCheck> checks) {
}
