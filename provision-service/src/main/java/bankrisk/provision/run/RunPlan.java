package bankrisk.provision.run;

/** A run about to be written: its inputs, their canonical form and key, and the calculator of its policy. */
record RunPlan(RunInputs inputs, String canonicalInputs, String inputKey, long policyId, SnapshotHeader header,
        ProvisionCalculator calculator) {
}
