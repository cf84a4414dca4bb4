package bankrisk.provision.journal;

import java.math.BigDecimal;

/** One line of a journal entry: a debit or a credit to one account. */
public record Posting(String accountCode, String accountName, BigDecimal debit, BigDecimal credit) {
}
