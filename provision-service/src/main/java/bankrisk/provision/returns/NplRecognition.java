package bankrisk.provision.returns;

import java.util.List;

/**
 * The NPL recognition check beside G11: loans more than 90 (and 60) days overdue against NPL, their ratios (偏離度,
 * at most 100 % expected since 2019) and the loans more than 90 days overdue that are not NPL (at most
 * {@link #LISTED} listed, all counted).
 */
public record NplRecognition(Cell over90, Cell over60, Cell npl, List<ReturnRatio> ratios, List<UnrecognisedNpl> over90NotNpl,
        long over90NotNplCount) {

    public static final int LISTED = 100;
}
