package bankrisk.provision.close;

import java.math.BigDecimal;

/** One stored line of a posting: a debit or a credit to one account at one branch. */
public record PostingLine(int lineNo, String entryId, String entryKind, String branchCode, String accountCode,
        String accountName, BigDecimal debit, BigDecimal credit, String description) {

    /** The same line undone: debit and credit swapped. */
    PostingLine reversed(String prefix) {
        return new PostingLine(lineNo, entryId, entryKind, branchCode, accountCode, accountName, credit, debit,
                prefix + description);
    }
}
