package bankrisk.provision.movement;

import java.util.List;

import bankrisk.provision.run.ProvisionRun;

/** The roll-forward of the allowance between two runs: a row per category, the general reserve, the total. */
public record Movement(ProvisionRun from, ProvisionRun to, List<MovementLine> lines) {
}
