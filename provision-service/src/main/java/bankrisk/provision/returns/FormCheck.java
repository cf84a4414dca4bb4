package bankrisk.provision.returns;

import java.util.List;

import bankrisk.common.error.FailedPreconditionException;

/** One internal check of a form, by its stable code (the label home describes it); a failure refuses the return. */
public record FormCheck(String code, boolean passed, String detail) {

    public static FormCheck of(String code, boolean passed, String detail) {
        return new FormCheck(code, passed, detail);
    }

    /**
     * Refuses a return whose checks do not all pass, naming the first failing check: a form that does not add up is
     * never filed (FAILED_PRECONDITION RETURN_CHECK_FAILED).
     */
    public static List<FormCheck> requireAll(String form, List<FormCheck> checks) {
        for (FormCheck check : checks) {
            if (!check.passed()) {
                throw new FailedPreconditionException("RETURN_CHECK_FAILED", form + " refused: check " + check.code() + " failed"
                        + (check.detail().isEmpty() ? "" : " (" + check.detail() + ")"));
            }
        }
        return checks;
    }
}
