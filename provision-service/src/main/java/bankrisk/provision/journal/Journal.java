package bankrisk.provision.journal;

import java.math.BigDecimal;
import java.util.List;

import bankrisk.common.money.Amounts;
import bankrisk.provision.run.ProvisionRun;

/** The entries that book the change in allowance from {@code previous} (null: none) to {@code run}. */
public record Journal(ProvisionRun run, ProvisionRun previous, List<JournalEntry> entries) {

    public BigDecimal totalDebit() {
        return entries.stream().map(JournalEntry::totalDebit).reduce(Amounts.ZERO, BigDecimal::add);
    }

    public BigDecimal totalCredit() {
        return entries.stream().map(JournalEntry::totalCredit).reduce(Amounts.ZERO, BigDecimal::add);
    }
}
