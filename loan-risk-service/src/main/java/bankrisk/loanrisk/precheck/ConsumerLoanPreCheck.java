package bankrisk.loanrisk.precheck;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pre-check of a personal consumption loan application (seed, section 7): aged 18 to 55 inclusive on the
 * application date by a valid second-generation resident id (not a first-generation 15-digit number, not a temporary
 * or other document, not expired on the application date), not a student, paid to a debit card held in the
 * applicant's own name (credit cards are not accepted).
 */
public final class ConsumerLoanPreCheck {

    public static final int MIN_AGE = 18;
    public static final int MAX_AGE = 55;

    /** An application as the pre-check reads it. */
    public record Application(String applicantName, String residentId, IdDocument document, LocalDate applicationDate,
            boolean student, boolean debitCard, String cardHolderName) {

        /** An application whose document was not described (the number alone is checked). */
        public Application(String applicantName, String residentId, LocalDate applicationDate, boolean student,
                boolean debitCard, String cardHolderName) {
            this(applicantName, residentId, IdDocument.NOT_STATED, applicationDate, student, debitCard, cardHolderName);
        }
    }

    /** Eligible when {@code reasons} is empty; {@code age} is 0 when the id is not valid. */
    public record Result(boolean eligible, List<String> reasons, int age) {
    }

    private ConsumerLoanPreCheck() {
    }

    public static Result check(Application application) {
        List<String> reasons = new ArrayList<>();
        int age = 0;
        Optional<ResidentId.Defect> defect = ResidentId.defect(application.residentId(), application.applicationDate());
        application.document().refusal(application.applicationDate()).ifPresent(reasons::add);
        if (defect.isPresent()) {
            reasons.add("RESIDENT_ID_" + defect.get().name());
        } else {
            LocalDate birth = ResidentId.birthDate(application.residentId()).orElseThrow();
            age = Period.between(birth, application.applicationDate()).getYears();
            if (age < MIN_AGE) {
                reasons.add("AGE_UNDER_18");
            } else if (age > MAX_AGE) {
                reasons.add("AGE_OVER_55");
            }
        }
        if (application.student()) {
            reasons.add("STUDENT");
        }
        if (!application.debitCard()) {
            reasons.add("NOT_A_DEBIT_CARD");
        }
        if (!normalise(application.cardHolderName()).equals(normalise(application.applicantName()))) {
            reasons.add("CARD_NOT_IN_OWN_NAME");
        }
        return new Result(reasons.isEmpty(), List.copyOf(reasons), age);
    }

    /** Names compare without surrounding or repeated blanks; case matters only for Latin letters, so it is ignored. */
    private static String normalise(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toUpperCase();
    }
}
