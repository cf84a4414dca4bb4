package bankrisk.loanrisk.grading;

import java.util.List;

/**
 * A loan's grade: {@code category} is the worst of every floor; {@code ruleFloor} the worst of the rules alone;
 * {@code regulatoryFloor} adds the upgrade discipline (what an override may not be better than);
 * {@code reasonCodes} are the sorted codes of the floors equal to the final grade; {@code floors} every floor that
 * applies, worst first.
 */
public record Grade(String loanId, Category category, Category ruleFloor, Category regulatoryFloor, List<String> reasonCodes,
        List<Floor> floors) {
}
